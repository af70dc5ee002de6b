package io.dockerdebug.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shell completion scripts generated from the picocli model. bash (and zsh, through its
 * bashcompinit) use picocli's {@link AutoComplete} script with dynamic values hooked in: CONTAINER
 * completes to running containers, {@code -i} to local images, {@code -n} to profile names. fish
 * is written here from the same model.
 */
final class CompletionScripts {
    static final List<String> SHELLS = List.of("bash", "zsh", "fish");

    private CompletionScripts() {
    }

    static String script(String shell, CommandLine root) {
        return switch (shell) {
            case "bash" -> bash(root);
            case "zsh" -> zsh(root);
            case "fish" -> fish(root);
            default -> throw new IllegalArgumentException("unknown shell '" + shell + "' (expected bash, zsh or fish)");
        };
    }

    // ---------------------------------------------------------------- bash and zsh

    static String bash(CommandLine root) {
        CommandSpec spec = root.getCommandSpec();
        String name = spec.name();
        String script = AutoComplete.bash(name, root).replace("\r\n", "\n");

        // The positional of the root command: CONTAINER (and subcommand names) first, nothing after.
        String function = "function _picocli_" + name + "() {\n";
        int at = requireIndex(script, function, 0);
        String positionals = "    local positionals=\"\"\n";
        int p = requireIndex(script, positionals, at) + positionals.length();
        script = script.substring(0, p)
                + "    if __docker_debug_wants_container; then\n"
                + "      __docker_debug_reply __docker_debug_root_words\n"
                + "    fi\n"
                + "    return\n"
                + script.substring(p);
        // bash splits IMAGE:TAG at ':'; the option before such a word is further back.
        String prev = "  local prev_word=${COMP_WORDS[COMP_CWORD-1]}\n";
        int q = requireIndex(script, prev, at);
        script = script.substring(0, q) + "  local prev_word=$(__docker_debug_prev_word)\n"
                + script.substring(q + prev.length());

        for (OptionSpec option : spec.options()) {
            String values = valuesFunction(option);
            if (values == null) {
                continue;
            }
            String label = Arrays.stream(option.names()).map(n -> "'" + n + "'").collect(Collectors.joining("|"));
            String branch = "    " + label + ")\n      return\n";
            int b = requireIndex(script, branch, at);
            script = script.substring(0, b) + "    " + label + ")\n      __docker_debug_reply " + values + "\n      return\n"
                    + script.substring(b + branch.length());
        }

        int complete = requireIndex(script, "\ncomplete -F ", 0) + 1;
        return "# docker-debug completion for bash (and zsh). Load it in ~/.bashrc with\n"
                + "#   source <(docker-debug completion bash)\n"
                + "# or save it as ~/.local/share/bash-completion/completions/docker-debug.\n"
                + script.substring(0, complete) + bashHelpers(spec) + "\n" + script.substring(complete);
    }

    static String zsh(CommandLine root) {
        // picocli's script runs in zsh through bashcompinit; its preamble sets that up.
        return "# docker-debug completion for zsh. Load it in ~/.zshrc with\n"
                + "#   source <(docker-debug completion zsh)\n"
                + bash(root).lines().skip(3).collect(Collectors.joining("\n", "", "\n"));
    }

    private static int requireIndex(String script, String anchor, int from) {
        int i = script.indexOf(anchor, from);
        if (i < 0) {
            // picocli's template changed: better no script than a silently wrong one.
            throw new IllegalStateException("picocli completion script has no '" + anchor.strip() + "'");
        }
        return i;
    }

    /** The shell function listing an option's values, or null for none. */
    private static String valuesFunction(OptionSpec option) {
        List<String> names = Arrays.asList(option.names());
        if (option.arity().max() == 0) {
            return null;
        }
        if (names.contains("-i")) {
            return "__docker_debug_images";
        }
        if (names.contains("-n")) {
            return "__docker_debug_profiles";
        }
        return null;
    }

    private static String bashHelpers(CommandSpec spec) {
        String argOptions = argOptionNames(spec).stream().collect(Collectors.joining("|"));
        return """
                # docker-debug: values from the engine and the config file. "-H HOST" on the line
                # is passed on to docker.
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
                # What the root command's first word can be: a subcommand ($commands of picocli's
                # function, which calls this) or a container.
                function __docker_debug_root_words() {
                  printf '%%s\\n' ${commands}
                  __docker_debug_containers
                }
                %s
                # True while the word being completed is CONTAINER: only options (and their values) before it.
                function __docker_debug_wants_container() {
                  local i=1
                  while [ "$i" -lt "$COMP_CWORD" ]; do
                    case ${COMP_WORDS[i]} in
                      --) [ $((i + 1)) -eq "$COMP_CWORD" ]; return ;;
                      %s) i=$((i + 1)) ;;
                      :) i=$((i + 1)) ;; # the rest of a word bash split at ':'
                      -*) ;;
                      *) return 1 ;;
                    esac
                    i=$((i + 1))
                  done
                  return 0
                }
                # The word before the current one, stepping back over the pieces of a word bash split at ':'.
                function __docker_debug_prev_word() {
                  local i=$((COMP_CWORD - 1))
                  while [ "$i" -gt 0 ] && { [ "${COMP_WORDS[i]}" = : ] || [ "${COMP_WORDS[i+1]}" = : ]; }; do
                    i=$((i - 1))
                  done
                  printf '%%s\\n' "${COMP_WORDS[i]}"
                }
                # COMPREPLY from the lines that function $1 prints, matching the whole current word
                # (colons included) and trimmed the way bash will insert them after a ':'. The lines
                # come from the engine and the config file: they are data, never expanded (no
                # compgen -W, which runs $(...) in them), and one that would need quoting on a
                # command line is not offered at all.
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
                      '' | *[!A-Za-z0-9_.:/@+=,%%-]*) ;;
                      *) [[ $line == "$cur"* ]] && COMPREPLY+=("$line") ;;
                    esac
                  done <<< "$("$1")"
                  if [[ $cur == *:* && ${COMP_WORDBREAKS-} == *:* ]]; then
                    local prefix=${cur%%"${cur##*:}"} i
                    for i in "${!COMPREPLY[@]}"; do
                      COMPREPLY[i]=${COMPREPLY[i]#"$prefix"}
                    done
                  fi
                }
                """.formatted(profilesFunction("function __docker_debug_profiles() {\n", "}\n", BASH_CONFIG_FILE), argOptions);
    }

    /**
     * Profile names: the {@code [config.NAME]} sections of the config file that the command line
     * would read: {@code --config FILE} on it, else {@code $DOCKER_DEBUG_CONFIG}, else
     * ~/.docker-debug/config.toml.
     */
    private static String profilesFunction(String open, String close, String findFile) {
        return open + findFile
                + "  sed -n 's/^[[:space:]]*\\[config\\.\\([^]]*\\)\\][[:space:]]*\\(#.*\\)\\{0,1\\}$/\\1/p' "
                + "\"$file\" 2>/dev/null | tr -d \"\\\"'\"\n" + close;
    }

    /** bash: the config file of the command line being completed (words split at '=' too). */
    private static final String BASH_CONFIG_FILE = """
              local i file=${DOCKER_DEBUG_CONFIG:-$HOME/.docker-debug/config.toml}
              for ((i = 1; i < COMP_CWORD; i++)); do
                case ${COMP_WORDS[i]} in
                  --config) file=${COMP_WORDS[i+1]}; [ "$file" != = ] || file=${COMP_WORDS[i+2]} ;;
                  --config=*) file=${COMP_WORDS[i]#--config=} ;;
                esac
              done
              case $file in "~/"*) file=$HOME/${file#"~/"} ;; esac
            """;

    /** fish: the same. */
    private static final String FISH_CONFIG_FILE = """
                set -l file $HOME/.docker-debug/config.toml
                if test -n "$DOCKER_DEBUG_CONFIG"
                    set file $DOCKER_DEBUG_CONFIG
                end
                set -l tokens (commandline -opc 2>/dev/null)
                for i in (seq 2 (count $tokens))
                    if test "$tokens[$i]" = --config; and test $i -lt (count $tokens)
                        set file $tokens[(math $i + 1)]
                    else if string match -q -- '--config=*' $tokens[$i]
                        set file (string replace -- '--config=' '' $tokens[$i])
                    end
                end
            """;

    private static List<String> argOptionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (option.arity().max() > 0) {
                names.addAll(Arrays.asList(option.names()));
            }
        }
        return names;
    }

    // ---------------------------------------------------------------- fish

    static String fish(CommandLine root) {
        CommandSpec spec = root.getCommandSpec();
        String cmd = spec.name();
        StringBuilder s = new StringBuilder();
        s.append("# docker-debug completion for fish. Load it with\n")
                .append("#   docker-debug completion fish | source\n")
                .append("# or save it as ~/.config/fish/completions/docker-debug.fish.\n\n");
        s.append("function __docker_debug_docker\n")
                .append("    set -l tokens (commandline -opc)\n")
                .append("    set -l host\n")
                .append("    for i in (seq 2 (count $tokens))\n")
                .append("        if contains -- $tokens[$i] -H --host; and test $i -lt (count $tokens)\n")
                .append("            set host -H $tokens[(math $i + 1)]\n")
                .append("        end\n")
                .append("    end\n")
                .append("    docker $host $argv\n")
                .append("end\n");
        // Values from the engine and the config file are data: fish never expands what a function
        // prints, and one that would need quoting on a command line is not offered at all.
        s.append("function __docker_debug_safe\n")
                .append("    while read -l line\n")
                .append("        string match -qr -- '^[A-Za-z0-9_.:/@+=,%-]+$' $line; and printf '%s\\n' $line\n")
                .append("    end\n")
                .append("end\n");
        s.append("function __docker_debug_containers\n")
                .append("    __docker_debug_docker ps --format '{{.Names}}' 2>/dev/null | __docker_debug_safe\n")
                .append("end\n");
        s.append("function __docker_debug_images\n")
                .append("    __docker_debug_docker images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | string match -v '*<none>*'")
                .append(" | __docker_debug_safe\n")
                .append("end\n");
        s.append(profilesFunction("function __docker_debug_profiles\n", "end\n", FISH_CONFIG_FILE)
                .replace(" | tr -d \"\\\"'\"\n", " | tr -d \"\\\"'\" | __docker_debug_safe\n"));
        // CONTAINER: no positional word yet (subcommands are positionals too).
        s.append("function __docker_debug_wants_container\n")
                .append("    set -l tokens (commandline -opc)\n")
                .append("    set -l skip 0\n")
                .append("    for t in $tokens[2..-1]\n")
                .append("        if test $skip = 1\n")
                .append("            set skip 0\n")
                .append("            continue\n")
                .append("        end\n")
                .append("        switch $t\n")
                .append("            case --\n")
                .append("                return 0\n")
                .append("            case ").append(String.join(" ", argOptionNames(spec))).append('\n')
                .append("                set skip 1\n")
                .append("            case '-*'\n")
                .append("            case '*'\n")
                .append("                return 1\n")
                .append("        end\n")
                .append("    end\n")
                .append("    return 0\n")
                .append("end\n\n");
        s.append("complete -c ").append(cmd).append(" -f\n");
        s.append("complete -c ").append(cmd).append(" -n __docker_debug_wants_container -a '(__docker_debug_containers)'")
                .append(" -d Container\n");
        for (OptionSpec option : spec.options()) {
            s.append(fishOption(cmd, "__docker_debug_wants_container", option)).append('\n');
        }
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            CommandSpec subSpec = sub.getValue().getCommandSpec();
            if (subSpec.usageMessage().hidden()) {
                continue;
            }
            s.append("complete -c ").append(cmd).append(" -n __docker_debug_wants_container -a ")
                    .append(quote(sub.getKey())).append(" -d ").append(quote(firstSentence(subSpec.usageMessage().description())))
                    .append('\n');
            String seen = quote("__fish_seen_subcommand_from " + sub.getKey());
            for (OptionSpec option : subSpec.options()) {
                s.append(fishOption(cmd, "__fish_seen_subcommand_from " + sub.getKey(), option)).append('\n');
            }
            for (var positional : subSpec.positionalParameters()) {
                if (positional.completionCandidates() != null) {
                    List<String> values = new ArrayList<>();
                    positional.completionCandidates().forEach(values::add);
                    s.append("complete -c ").append(cmd).append(" -n ").append(seen).append(" -a ")
                            .append(quote(String.join(" ", values))).append('\n');
                }
            }
        }
        return s.toString();
    }

    private static String fishOption(String cmd, String condition, OptionSpec option) {
        StringBuilder s = new StringBuilder("complete -c ").append(cmd).append(" -n ").append(quote(condition));
        for (String n : option.names()) {
            if (n.startsWith("--")) {
                s.append(" -l ").append(n.substring(2));
            } else if (n.length() == 2) {
                s.append(" -s ").append(n.substring(1));
            } else {
                s.append(" -o ").append(n.substring(1));
            }
        }
        if (option.arity().max() > 0) {
            s.append(" -r");
            String values = valuesFunction(option);
            if (values != null) {
                s.append(" -a ").append(quote("(" + values + ")"));
            } else if (option.completionCandidates() != null) {
                List<String> candidates = new ArrayList<>();
                option.completionCandidates().forEach(candidates::add);
                s.append(" -a ").append(quote(String.join(" ", candidates)));
            }
        }
        String d = firstSentence(option.description());
        if (!d.isEmpty()) {
            s.append(" -d ").append(quote(d));
        }
        return s.toString();
    }

    private static String firstSentence(String[] description) {
        if (description == null || description.length == 0) {
            return "";
        }
        String d = description[0].replaceAll("\\$\\{[^}]*}", "").replaceAll("\\s+", " ").strip();
        int dot = d.indexOf(". ");
        d = dot > 0 ? d.substring(0, dot) : d;
        int paren = d.indexOf(" (");
        d = paren > 0 ? d.substring(0, paren) : d;
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
