# The command tree, from docker-debug's own model: for each command ('' is docker-debug itself,
# else the path of a subcommand), its subcommands, its options that take a value, its flags, and
# where the values of its options and arguments come from.
function __docker_debug_subcommands() {
  case $1 in
{{SUBCOMMANDS}}
  esac
}
function __docker_debug_value_options() {
  case $1 in
{{VALUE_OPTIONS}}
  esac
}
function __docker_debug_flags() {
  case $1 in
{{FLAGS}}
  esac
}
# The values for command $1 at "$2": an option's name, or #N for its Nth argument.
function __docker_debug_values() {
  case "$1 $2" in
{{VALUES}}
  esac
}

# Values from the engine and the config file. "-H HOST" on the line is passed on to docker.
function __docker_debug_docker() {
  local i host=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      -H|--host) host=${COMP_WORDS[i+1]} ;;
    esac
  done
  if [ -n "$host" ]; then docker -H "$host" "$@"; else docker "$@"; fi
}
function __docker_debug_containers() {
  __docker_debug_docker ps --format '{{.Names}}' 2>/dev/null
}
function __docker_debug_images() {
  __docker_debug_docker images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | grep -v '<none>'
}
# Profile names: the [config.NAME] sections of the config file the command line would read
# (--config FILE on it, else $DOCKER_DEBUG_CONFIG, else ~/.docker-debug/config.toml).
function __docker_debug_profiles() {
  local i file=${DOCKER_DEBUG_CONFIG:-$HOME/.docker-debug/config.toml}
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      --config) file=${COMP_WORDS[i+1]}; [ "$file" != = ] || file=${COMP_WORDS[i+2]} ;;
      --config=*) file=${COMP_WORDS[i]#--config=} ;;
    esac
  done
  case $file in "~/"*) file=$HOME/${file#"~/"} ;; esac
  sed -n 's/^[[:space:]]*\[config\.\([^]]*\)\][[:space:]]*\(#.*\)\{0,1\}$/\1/p' "$file" 2>/dev/null | tr -d "\"'"
}

# COMPREPLY from the lines that the command "$@" prints, matching the whole current word (colons
# included) and trimmed the way bash will insert them after a ':'. The lines come from the engine
# and the config file: they are data, never expanded (no compgen -W, which runs $(...) in them),
# and one that would need quoting on a command line is not offered at all.
function __docker_debug_reply() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  if [ -n "${COMP_LINE-}" ]; then
    cur=${COMP_LINE:0:${COMP_POINT:-${#COMP_LINE}}}
    cur=${cur##*[[:space:]]}
  fi
  local line
  COMPREPLY=()
  while IFS= read -r line; do
    case $line in
      '' | *[!A-Za-z0-9_.:/@+=,%-]*) ;;
      *) [[ $line == "$cur"* ]] && COMPREPLY+=("$line") ;;
    esac
  done <<< "$("$@")"
  if [[ $cur == *:* && ${COMP_WORDBREAKS-} == *:* ]]; then
    local prefix=${cur%"${cur##*:}"} i
    for i in "${!COMPREPLY[@]}"; do
      COMPREPLY[i]=${COMPREPLY[i]#"$prefix"}
    done
  fi
}

# The words of the line as the user typed them: bash splits "a:b" and "--opt=v" at ':' and '='
# (COMP_WORDBREAKS); these are joined again. Sets dd_words and dd_cword.
function __docker_debug_words() {
  local i w last
  dd_words=()
  dd_cword=0
  for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
    w=${COMP_WORDS[i]}
    last=$((${#dd_words[@]} - 1))
    if [ "$last" -gt 0 ] && { [ "$w" = : ] || [ "$w" = = ] || [ "${COMP_WORDS[i-1]}" = : ] || [ "${COMP_WORDS[i-1]}" = = ]; }; then
      dd_words[last]="${dd_words[last]}$w"
    else
      dd_words+=("$w")
    fi
    [ "$i" -ne "$COMP_CWORD" ] || dd_cword=$((${#dd_words[@]} - 1))
  done
}

# True when $1 is one of the words that function $2 prints for command $3.
function __docker_debug_lists() {
  local w
  for w in $("$2" "$3"); do
    [ "$w" != "$1" ] || return 0
  done
  return 1
}

function __docker_debug_options() {
  __docker_debug_flags "$1"
  __docker_debug_value_options "$1"
}

# Completes the current word: walks the words before it for the (sub)command, the arguments
# given so far and whether the word is an option's value.
function _complete_docker-debug() {
  local dd_words dd_cword
  __docker_debug_words
  # dd_path, not "path": zsh ties that name to PATH.
  local dd_path="" args=0 dashdash="" option="" i=1 w
  type compopt &>/dev/null && compopt +o default 2>/dev/null
  while [ "$i" -lt "$dd_cword" ]; do
    w=${dd_words[i]}
    if [ -z "$dashdash" ] && [ "$w" = -- ]; then
      dashdash=1
    elif [ -z "$dashdash" ] && [[ $w == -?* ]]; then
      if [[ $w != --*=* ]] && __docker_debug_lists "$w" __docker_debug_value_options "$dd_path"; then
        i=$((i + 1))
        [ "$i" -ne "$dd_cword" ] || option=$w
      fi
    elif [ "$args" -eq 0 ] && [ -z "$dashdash" ] && __docker_debug_lists "$w" __docker_debug_subcommands "$dd_path"; then
      dd_path=${dd_path:+$dd_path }$w
    else
      args=$((args + 1))
    fi
    i=$((i + 1))
  done
  local cur=${dd_words[dd_cword]}
  if [ -n "$option" ]; then
    __docker_debug_reply __docker_debug_values "$dd_path" "$option"
  elif [ -z "$dd_path" ] && [ "$args" -gt 0 ]; then
    COMPREPLY=()                             # the command after CONTAINER is the user's own
  elif [ -z "$dashdash" ] && [[ $cur == -* ]]; then
    __docker_debug_reply __docker_debug_options "$dd_path"
  elif [ "$args" -eq 0 ] && [ -z "$dashdash" ]; then
    __docker_debug_reply __docker_debug_first_words "$dd_path"
  else
    __docker_debug_reply __docker_debug_values "$dd_path" "#$args"
  fi
}

# A command's first argument: its subcommands, then the values of its first argument.
function __docker_debug_first_words() {
  __docker_debug_subcommands "$1"
  __docker_debug_values "$1" "#0"
}

complete -F _complete_docker-debug -o default docker-debug
