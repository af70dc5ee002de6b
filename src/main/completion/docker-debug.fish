function __docker_debug_docker
    set -l tokens (commandline -opc)
    set -l host
    for i in (seq 2 (count $tokens))
        if contains -- $tokens[$i] -H --host; and test $i -lt (count $tokens)
            set host -H $tokens[(math $i + 1)]
        end
    end
    docker $host $argv
end
# Values from the engine and the config file are data: fish never expands what a function
# prints, and one that would need quoting on a command line is not offered at all.
function __docker_debug_safe
    while read -l line
        string match -qr -- '^[A-Za-z0-9_.:/@+=,%-]+$' $line; and printf '%s\n' $line
    end
end
function __docker_debug_containers
    __docker_debug_docker ps --format '{{.Names}}' 2>/dev/null | __docker_debug_safe
end
function __docker_debug_images
    __docker_debug_docker images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | string match -v '*<none>*' | __docker_debug_safe
end
# Profile names: the [config.NAME] sections of the config file the command line would read
# (--config FILE on it, else $DOCKER_DEBUG_CONFIG, else ~/.docker-debug/config.toml).
function __docker_debug_profiles
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
    sed -n 's/^[[:space:]]*\[config\.\([^]]*\)\][[:space:]]*\(#.*\)\{0,1\}$/\1/p' "$file" 2>/dev/null | tr -d "\"'" | __docker_debug_safe
end
# CONTAINER: no argument yet (subcommands are arguments too); options with a value skip it.
function __docker_debug_wants_container
    set -l tokens (commandline -opc)
    set -l skip 0
    for t in $tokens[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case --
                return 0
            case {{VALUE_OPTIONS}}
                set skip 1
            case '-*'
            case '*'
                return 1
        end
    end
    return 0
end

complete -c docker-debug -f
complete -c docker-debug -n __docker_debug_wants_container -a '(__docker_debug_containers)' -d Container
{{COMPLETIONS}}
