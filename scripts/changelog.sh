#!/usr/bin/env bash
# Renders CHANGELOG.md from the git history (conventional commits), byte for byte as
# `git-chglog` renders .chglog/CHANGELOG.tpl.md with .chglog/config.yml, with nothing but
# bash, git and awk (git-chglog need not be installed).
#
#   scripts/changelog.sh              print the changelog on stdout
#   scripts/changelog.sh --write      write CHANGELOG.md at the repository root
#   scripts/changelog.sh --check      exit 1, showing a diff, when CHANGELOG.md is not what
#                                     --write would write
#   scripts/changelog.sh --tag vX.Y.Z print only that tag's section, as `git-chglog vX.Y.Z`
#                                     prints it when HEAD is at the tag (release notes)
#
# What it renders: a section per tag matching tag_filter_pattern (newest first, by tag date:
# the tagger's date for an annotated tag, the commit's author date for a lightweight one) with
# the commits since the tag before it, and an "Unreleased" section with the commits after the
# newest tag when there are any (all of the history when there is no tag yet, a case
# git-chglog itself refuses with "git-tag does not exist"). Commits are grouped by type in
# title_order, sorted by scope, and only the types in commits.filters.Type are kept; subjects
# of the form `Revert "..."` are listed under "Reverts"; "BREAKING CHANGE:" paragraphs in
# bodies become notes; #123, gh-123 and @user become links, as git-chglog's GitHub style does.
#
# From .chglog/config.yml it reads repository_url, tag_filter_pattern, commits.filters.Type,
# commit_groups.title_order and commit_groups.title_maps; everything else (header pattern,
# sort keys, style, note keywords) must stay as it is, which the script checks, and the
# template is pinned by its git blob id below: change the template, change this script.
set -euo pipefail

# `git hash-object .chglog/CHANGELOG.tpl.md` of the template this script renders.
TEMPLATE_BLOB=57b0511da03627b7621fa84403d36cb19d8160a3
HEADER_PATTERN='^(\w*)(?:\(([\w\$\.\-\*\s]*)\))?\:\s(.*)$'

usage() {
  sed -n '6,11s/^# \{0,1\}//p' "$0"
}

die() {
  printf 'changelog: %s\n' "$*" >&2
  exit 1
}

mode=print
tag=
while [ $# -gt 0 ]; do
  case $1 in
    --write) mode='write' ;;
    --check) mode='check' ;;
    --tag)
      if [ $# -lt 2 ] || [ -z "$2" ]; then die "--tag needs a tag name"; fi
      mode=tag tag=$2
      shift
      ;;
    --tag=*)
      mode=tag tag=${1#--tag=}
      [ -n "$tag" ] || die "--tag needs a tag name"
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
  shift
done

cd "$(dirname "$0")/.."
config=.chglog/config.yml
template=.chglog/CHANGELOG.tpl.md
[ -f "$config" ] || die "$config is missing"
[ -f "$template" ] || die "$template is missing"
git rev-parse --git-dir >/dev/null 2>&1 || die "not inside a git repository"

blob=$(git hash-object "$template")
[ "$blob" = "$TEMPLATE_BLOB" ] || die "$template changed (blob $blob, script renders $TEMPLATE_BLOB):
update scripts/changelog.sh to render the new template, then its TEMPLATE_BLOB"

export LC_ALL=C

# --- config: a flat "path<TAB>value" view of the YAML (block maps, block lists, scalars) ---
config_flat=$(awk '
  function unquote(v,   out, i, c, q) {
    if (v ~ /^"/) {
      out = ""
      for (i = 2; i <= length(v); i++) {
        c = substr(v, i, 1)
        if (c == "\"") break
        if (c == "\\") {
          i++
          c = substr(v, i, 1)
          if (c == "n") c = "\n"
          else if (c == "t") c = "\t"
        }
        out = out c
      }
      return out
    }
    if (v ~ /^'\''/) {
      v = substr(v, 2)
      q = index(v, "'\''")
      while (q > 0 && substr(v, q + 1, 1) == "'\''") {
        out = out substr(v, 1, q)
        v = substr(v, q + 2)
        q = index(v, "'\''")
      }
      return out (q > 0 ? substr(v, 1, q - 1) : v)
    }
    sub(/[ \t]+#.*$/, "", v)
    sub(/[ \t]+$/, "", v)
    return v
  }
  function path(   p, i) {
    p = ""
    for (i = 1; i <= depth; i++) p = p (i > 1 ? "." : "") key[i]
    return p
  }
  {
    line = $0
    sub(/\r$/, "", line)
    if (line ~ /^[ \t]*(#.*)?$/) next
    match(line, /^ */)
    ind = RLENGTH
    body = substr(line, ind + 1)
    if (body ~ /^- /) {
      while (depth > 0 && indent[depth] >= ind) depth--
      print path() "\t" unquote(substr(body, 3))
      next
    }
    while (depth > 0 && indent[depth] >= ind) depth--
    k = body
    sub(/:.*$/, "", k)
    v = body
    sub(/^[^:]*:[ \t]*/, "", v)
    depth++
    indent[depth] = ind
    key[depth] = k
    if (v != "") print path() "\t" unquote(v)
  }
' "$config")

cfg() { # every value at path $1, one a line
  printf '%s\n' "$config_flat" | awk -F '\t' -v p="$1" '$1 == p { print substr($0, length(p) + 2) }'
}
expect() { # path, expected value (lines)
  [ "$(cfg "$1")" = "$2" ] || die "$config: $1 must be '$2' for this script (it is '$(cfg "$1")')"
}

expect style github
[ -z "$(cfg options.sort)" ] || expect options.sort date
expect options.commits.sort_by Scope
expect options.commit_groups.group_by Type
expect options.commit_groups.sort_by Custom
expect options.header.pattern "$HEADER_PATTERN"
expect options.header.pattern_maps "$(printf 'Type\nScope\nSubject')"
expect options.notes.keywords 'BREAKING CHANGE'
for unsupported in options.merges.pattern options.reverts.pattern options.issues.prefix options.refs.actions; do
  [ -z "$(cfg "$unsupported")" ] || die "$config: $unsupported is not supported by this script"
done
printf '%s\n' "$config_flat" | awk -F '\t' 'index($1, "options.commits.filters.") == 1 && $1 != "options.commits.filters.Type" { bad = 1 } END { exit !bad }' &&
  die "$config: only options.commits.filters.Type is supported by this script"

repo_url=$(cfg info.repository_url)
while [ "${repo_url%/}" != "$repo_url" ]; do repo_url=${repo_url%/}; done
[ -n "$repo_url" ] || die "$config: info.repository_url is empty"
tag_pattern=$(cfg options.tag_filter_pattern)
types=$(cfg options.commits.filters.Type)
order=$(cfg options.commit_groups.title_order)
maps=$(printf '%s\n' "$config_flat" | awk -F '\t' '
  index($1, "options.commit_groups.title_maps.") == 1 { print substr($1, 34) "\t" $2 }')
host=$(printf '%s\n' "$repo_url" | sed -n 's|^\([A-Za-z][A-Za-z0-9+.-]*://[^/]*\).*$|\1|p')

# --- tags: name, epoch, date (YYYY-MM-DD in the date's own zone), newest first ---
tags=$(git for-each-ref --format='%(refname)%09%(taggerdate:raw)%09%(taggerdate:iso-strict)%09%(authordate:raw)%09%(authordate:iso-strict)' refs/tags |
  CHL_TAGS=$tag_pattern awk -F '\t' '
    BEGIN { pat = ENVIRON["CHL_TAGS"] }
    {
      name = $1
      sub(/^refs\/tags\//, "", name)
      if (pat != "" && name !~ pat) next
      if ($2 != "") { split($2, t, " "); epoch = t[1]; date = substr($3, 1, 10) }
      else if ($4 != "") { split($4, t, " "); epoch = t[1]; date = substr($5, 1, 10) }
      else next
      print name "\t" epoch "\t" date
    }' |
  sort -t "$(printf '\t')" -k2,2nr -s)

names=()
dates=()
while IFS="$(printf '\t')" read -r name _ date; do
  [ -n "$name" ] || continue
  names+=("$name")
  dates+=("$date")
done <<<"$tags"

# --- the record stream: one S record per section, then its commits as C records ---
git_log() {
  git -c log.showSignature=false log --no-decorate --format='%x1eC%x1f%s%x1f%b' "$1" --
}
section() { # kind name date previous rev
  printf '\036S\037%s\037%s\037%s\037%s\n' "$1" "$2" "$3" "$4"
  [ -z "$5" ] || git_log "$5"
}

stream() {
  local n=${#names[@]} i prev rev
  if [ "$mode" = tag ]; then
    for ((i = 0; i < n; i++)); do
      [ "${names[i]}" = "$tag" ] || continue
      prev='' rev=${names[i]}
      if ((i + 1 < n)); then
        prev=${names[i + 1]}
        rev=$prev..${names[i]}
      fi
      section version "${names[i]}" "${dates[i]}" "$prev" "$rev"
      return 0
    done
    die "commits corresponding to \"$tag\" was not found"
  fi
  rev=
  if git rev-parse -q --verify HEAD >/dev/null; then
    rev=HEAD
    ((n == 0)) || rev=${names[0]}..HEAD
  fi
  section unreleased "" "" "" "$rev"
  for ((i = 0; i < n; i++)); do
    prev='' rev=${names[i]}
    if ((i + 1 < n)); then
      prev=${names[i + 1]}
      rev=$prev..${names[i]}
    fi
    section version "${names[i]}" "${dates[i]}" "$prev" "$rev"
  done
}

render() {
  stream | CHL_URL=$repo_url CHL_HOST=$host CHL_TYPES=$types CHL_ORDER=$order CHL_MAPS=$maps awk '
    BEGIN {
      RS = "\036"
      FS = "\037"
      WS = "[ \t\n\f\r\013]"  # what strings.TrimSpace trims in Go (ASCII)
      GS = "[\t\n\f\r ]"       # what \s matches in Go regexps
      url = ENVIRON["CHL_URL"]
      host = ENVIRON["CHL_HOST"]
      n = split(ENVIRON["CHL_TYPES"], a, "\n")
      for (i = 1; i <= n; i++) if (a[i] != "") keep[a[i]] = 1
      n = split(ENVIRON["CHL_ORDER"], a, "\n")
      for (i = 1; i <= n; i++) if (a[i] != "" && !(a[i] in rank)) rank[a[i]] = i - 1
      n = split(ENVIRON["CHL_MAPS"], a, "\n")
      for (i = 1; i <= n; i++) {
        t = index(a[i], "\t")
        if (t) title[substr(a[i], 1, t - 1)] = substr(a[i], t + 1)
      }
      kw = "BREAKING CHANGE"
      kwre = "^" GS "*" ci(kw) "[:\t\n\f\r ]+"
      scopere = "^\\([A-Za-z0-9_$.*\t\n\f\r -]*\\)"
      refre = "(close|closes|closed|fix|fixes|fixed|resolve|resolves|resolved)[\t\n\f\r ]?[a-z0-9_/.-]*(#|gh-)[0-9]"
      fences[1] = "```"; fences[2] = "~~~"; fences[3] = "    "; fences[4] = "\t"
      nsec = 0
    }

    function ci(s,   out, i, c) {
      out = ""
      for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c ~ /[A-Za-z]/) out = out "[" toupper(c) tolower(c) "]"
        else if (c == " ") out = out " "
        else out = out "[" c "]"
      }
      return out
    }
    function trim(s) {
      sub("^" WS "+", "", s)
      sub(WS "+$", "", s)
      return s
    }
    function title_of(t) { return (t in title) ? title[t] : toupper(substr(t, 1, 1)) substr(t, 2) }

    # git-chglog GitHubProcessor: @user, then #123 / gh-123 (any case) become links.
    function addlinks(s,   out, m, tok, num) {
      out = ""
      while (match(s, /@[A-Za-z0-9_]+/)) {
        m = substr(s, RSTART + 1, RLENGTH - 1)
        out = out substr(s, 1, RSTART - 1) "[@" m "](" host "/" m ")"
        s = substr(s, RSTART + RLENGTH)
      }
      s = out s
      out = ""
      while (match(s, /(#|[Gg][Hh]-)[0-9]+/)) {
        tok = substr(s, RSTART, RLENGTH)
        num = tok
        sub(/^(#|[Gg][Hh]-)/, "", num)
        out = out substr(s, 1, RSTART - 1) "[" tok "](" url "/issues/" num ")"
        s = substr(s, RSTART + RLENGTH)
      }
      return out s
    }

    function start_section(kind, name, date, prev) {
      nsec++
      sub(/\n+$/, "", prev)
      skind[nsec] = kind; sname[nsec] = name; sdate[nsec] = date; sprev[nsec] = prev
      ngroups[nsec] = 0; nreverts[nsec] = 0; nnotegroups[nsec] = 0
    }

    function add_commit(header, body,   type, scope, subject, rest, ok, g, i, k, n, L, line, fence, innote, nn, nt, nb, lw, j, found) {
      header = trim(header)
      # header pattern ^(\w*)(?:\(([\w\$\.\-\*\s]*)\))?\:\s(.*)$
      match(header, /^[A-Za-z0-9_]*/)
      type = substr(header, 1, RLENGTH)
      rest = substr(header, RLENGTH + 1)
      scope = ""
      ok = 1
      if (substr(rest, 1, 1) == "(") {
        if (match(rest, scopere)) {
          scope = substr(rest, 2, RLENGTH - 2)
          rest = substr(rest, RLENGTH + 1)
        } else ok = 0
      }
      if (ok && rest ~ /^:[\t\n\f\r ]/) subject = addlinks(substr(rest, 3))
      else { type = ""; scope = "" }

      if (header ~ /^Merge pull request #[0-9]+ from /) return  # a merge: in no group
      if (substr(header, 1, 8) == "Revert \"" && length(header) >= 9 && substr(header, length(header)) == "\"") {
        n = ++nreverts[nsec]
        revert[nsec, n] = addlinks(substr(header, 9, length(header) - 9))
        return  # type-less, so never in a group or a note
      }
      if (!(type in keep)) return

      g = 0
      for (i = 1; i <= ngroups[nsec]; i++) if (gtype[nsec, i] == type) g = i
      if (!g) {
        g = ++ngroups[nsec]
        gtype[nsec, g] = type
        gcount[nsec, g] = 0
      }
      k = ++gcount[nsec, g]
      cscope[nsec, g, k] = scope
      csubject[nsec, g, k] = subject

      # notes: "BREAKING CHANGE: text" and the lines after it, up to a line with an issue
      # reference or a mention outside a code block, or the next note
      gsub(/\r\n/, "\n", body)
      gsub(/\r/, "\n", body)
      body = trim(body)
      n = split(body, L, "\n")
      fence = 0
      innote = 0
      nn = 0
      for (i = 1; i <= n; i++) {
        line = L[i]
        for (j = 1; j <= 4; j++) {
          if (!fence) { if (index(line, fences[j]) == 1) { fence = j; break } }
          else if (index(line, fences[j]) == 1 && j == fence) { fence = 0; break }
        }
        if (!fence && (line ~ /(#|gh-)[0-9]/ || tolower(line) ~ refre || line ~ /@[A-Za-z0-9_-]/)) innote = 0
        if (match(line, kwre)) {
          innote = 1
          nn++
          lw = 0
          if (match(line, "^" GS "+")) lw = RLENGTH
          match(line, kwre)
          nt[nn] = substr(line, lw + 1, length(kw))
          nb[nn] = substr(line, RLENGTH + 1)
        } else if (innote) nb[nn] = nb[nn] "\n" line
      }
      for (i = 1; i <= nn; i++) {
        found = 0
        for (j = 1; j <= nnotegroups[nsec]; j++) if (ngtitle[nsec, j] == nt[i]) found = j
        if (!found) {
          found = ++nnotegroups[nsec]
          ngtitle[nsec, found] = nt[i]
          ngcount[nsec, found] = 0
        }
        k = ++ngcount[nsec, found]
        note[nsec, found, k] = addlinks(trim(nb[i]))
      }
    }

    function body_of(s,   out, i, j, g, k, n, ord, idx, t, tmp, sc, sb) {
      out = ""
      n = ngroups[s]
      for (i = 1; i <= n; i++) ord[i] = i
      for (i = 2; i <= n; i++)  # stable insertion sort by title_order rank
        for (j = i; j > 1 && rnk(gtype[s, ord[j]]) < rnk(gtype[s, ord[j - 1]]); j--) {
          t = ord[j]; ord[j] = ord[j - 1]; ord[j - 1] = t
        }
      for (i = 1; i <= n; i++) {
        g = ord[i]
        out = out "\n### " title_of(gtype[s, g]) "\n"
        k = gcount[s, g]
        for (j = 1; j <= k; j++) idx[j] = j
        for (j = 2; j <= k; j++)  # stable insertion sort by scope (byte order)
          for (t = j; t > 1 && cscope[s, g, idx[t]] < cscope[s, g, idx[t - 1]]; t--) {
            tmp = idx[t]; idx[t] = idx[t - 1]; idx[t - 1] = tmp
          }
        for (j = 1; j <= k; j++) {
          sc = cscope[s, g, idx[j]]
          sb = csubject[s, g, idx[j]]
          out = out "- " (sc != "" ? "**" sc ":** " : "") sb "\n"
        }
      }
      if (nreverts[s]) {
        out = out "\n### Reverts\n"
        for (i = 1; i <= nreverts[s]; i++) out = out "- " revert[s, i] "\n"
      }
      n = nnotegroups[s]
      for (i = 1; i <= n; i++) ord[i] = i
      for (i = 2; i <= n; i++)
        for (j = i; j > 1 && tolower(ngtitle[s, ord[j]]) < tolower(ngtitle[s, ord[j - 1]]); j--) {
          t = ord[j]; ord[j] = ord[j - 1]; ord[j - 1] = t
        }
      for (i = 1; i <= n; i++) {
        g = ord[i]
        out = out "\n### " ngtitle[s, g] "\n"
        for (j = 1; j <= ngcount[s, g]; j++) out = out "\n" note[s, g, j] "\n"
      }
      return out
    }
    function rnk(t) { return (t in rank) ? rank[t] : 0 }

    NR == 1 { next }
    $1 == "S" { start_section($2, $3, $4, $5); next }
    $1 == "C" { add_commit($2, $3); next }

    END {
      out = ""
      unreleased = 0
      nver = 0
      links = 0
      for (s = 1; s <= nsec; s++) {
        if (skind[s] == "unreleased") {
          if (ngroups[s] || nreverts[s]) {
            unreleased = 1
            out = out "<a name=\"unreleased\"></a>\n## [Unreleased]\n" body_of(s)
          }
          continue
        }
        if (nver++ || unreleased) out = out "\n"
        if (nver == 1) first = sname[s]
        if (sprev[s] != "") links = 1
        out = out "<a name=\"" sname[s] "\"></a>\n## " (sprev[s] != "" ? "[" sname[s] "]" : sname[s]) " - " sdate[s] "\n" body_of(s)
      }
      if (unreleased && nver) links = 1
      if (links) {
        out = out "\n"
        if (unreleased && nver) out = out "[Unreleased]: " url "/compare/" first "...HEAD\n"
        for (s = 1; s <= nsec; s++)
          if (skind[s] == "version" && sprev[s] != "")
            out = out "[" sname[s] "]: " url "/compare/" sprev[s] "..." sname[s] "\n"
      }
      printf "%s", out
    }
  '
}

case $mode in
  print | tag)
    render
    ;;
  write | check)
    tmp=$(mktemp "${TMPDIR:-/tmp}/changelog.XXXXXX")
    trap 'rm -f "$tmp"' EXIT
    render >"$tmp"
    if [ "$mode" = write ]; then
      cat "$tmp" >CHANGELOG.md
    elif [ ! -f CHANGELOG.md ]; then
      die "CHANGELOG.md is missing: run scripts/changelog.sh --write"
    elif ! cmp -s "$tmp" CHANGELOG.md; then
      if command -v diff >/dev/null 2>&1; then
        diff -u CHANGELOG.md "$tmp" | sed "1,2s|$tmp|(scripts/changelog.sh)|" >&2 || true
      fi
      die "CHANGELOG.md is out of date: run scripts/changelog.sh --write"
    fi
    ;;
esac
