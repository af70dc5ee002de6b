package io.dockerdebug.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shell completion scripts: shell code from templates (resources beside this class, in
 * src/main/completion), filled with tables made from the picocli model. Option and argument
 * values come from what each declares as its {@code completionCandidates}: a fixed list, or a
 * {@link CompletionValues} source that the scripts ask the engine or the config file for.
 */
final class CompletionScripts {
    static final List<String> SHELLS = List.of("bash", "zsh", "fish");
    private static final String HOW_TO_LOAD = """
            # docker-debug completion for %s. Load it %s

            """;

    private CompletionScripts() {
    }

    static String script(String shell, CommandLine root) {
        return switch (shell) {
            case "bash" -> HOW_TO_LOAD.formatted("bash (and zsh)", """
                    in ~/.bashrc with
                    #   source <(docker-debug completion bash)
                    # or save it as ~/.local/share/bash-completion/completions/docker-debug.""") + bash(root);
            case "zsh" -> HOW_TO_LOAD.formatted("zsh", """
                    in ~/.zshrc with
                    #   source <(docker-debug completion zsh)""") + template("zsh-preamble.zsh") + bash(root);
            case "fish" -> HOW_TO_LOAD.formatted("fish", """
                    with
                    #   docker-debug completion fish | source
                    # or save it as ~/.config/fish/completions/docker-debug.fish.""") + fish(root);
            default -> throw new IllegalArgumentException("unknown shell '" + shell + "' (expected bash, zsh or fish)");
        };
    }

    // ---------------------------------------------------------------- bash (and zsh)

    private static String bash(CommandLine root) {
        StringBuilder subcommands = new StringBuilder();
        StringBuilder valueOptions = new StringBuilder();
        StringBuilder flags = new StringBuilder();
        StringBuilder values = new StringBuilder();
        commands(root).forEach((path, spec) -> {
            String key = "    " + quote(path) + ") ";
            List<String> subs = visibleSubcommands(spec);
            if (!subs.isEmpty()) {
                subcommands.append(key).append(printLines(subs)).append(" ;;\n");
            }
            valueOptions.append(key).append(printLines(optionNames(spec, true))).append(" ;;\n");
            flags.append(key).append(printLines(optionNames(spec, false))).append(" ;;\n");
            for (OptionSpec option : spec.options()) {
                String source = source(option);
                if (source != null && option.arity().max() > 0) {
                    String labels = Arrays.stream(option.names()).map(n -> quote(path + " " + n))
                            .collect(Collectors.joining("|"));
                    values.append("    ").append(labels).append(") ").append(source).append(" ;;\n");
                }
            }
            for (PositionalParamSpec positional : spec.positionalParameters()) {
                String source = source(positional);
                if (source != null) {
                    values.append("    ").append(quote(path + " #" + positional.index().min())).append(") ")
                            .append(source).append(" ;;\n");
                }
            }
        });
        return template("docker-debug.bash")
                .replace("{{SUBCOMMANDS}}\n", subcommands.toString())
                .replace("{{VALUE_OPTIONS}}\n", valueOptions.toString())
                .replace("{{FLAGS}}\n", flags.toString())
                .replace("{{VALUES}}\n", values.toString());
    }

    /** Shell code printing an argument's or option's values, or null when it has none to offer. */
    private static String source(ArgSpec arg) {
        return switch (values(arg)) {
            case null -> null;
            case Values.Dynamic(String function) -> function;
            case Values.Fixed(List<String> words) -> printLines(words);
        };
    }

    private static String printLines(List<String> words) {
        return words.isEmpty() ? ":" : "printf '%s\\n' " + words.stream().map(CompletionScripts::quote)
                .collect(Collectors.joining(" "));
    }

    // ---------------------------------------------------------------- fish

    private static String fish(CommandLine root) {
        String cmd = root.getCommandSpec().name();
        StringBuilder s = new StringBuilder();
        commands(root).forEach((path, spec) -> {
            if (path.isEmpty()) {
                for (OptionSpec option : spec.options()) {
                    s.append(fishOption(cmd, "__docker_debug_wants_container", option)).append('\n');
                }
                return;
            }
            String[] words = path.split(" ");
            String last = words[words.length - 1];
            String parentSeen = words.length == 1 ? "__docker_debug_wants_container"
                    : "__fish_seen_subcommand_from " + words[words.length - 2];
            s.append("complete -c ").append(cmd).append(" -n ").append(fishQuote(parentSeen)).append(" -a ")
                    .append(fishQuote(last)).append(" -d ").append(fishQuote(firstSentence(spec.usageMessage().description())))
                    .append('\n');
            String seen = "__fish_seen_subcommand_from " + last;
            for (OptionSpec option : spec.options()) {
                s.append(fishOption(cmd, seen, option)).append('\n');
            }
            for (PositionalParamSpec positional : spec.positionalParameters()) {
                String values = fishValues(positional);
                if (values != null) {
                    s.append("complete -c ").append(cmd).append(" -n ").append(fishQuote(seen)).append(" -a ")
                            .append(values).append('\n');
                }
            }
        });
        return template("docker-debug.fish")
                .replace("{{VALUE_OPTIONS}}", String.join(" ", optionNames(root.getCommandSpec(), true)))
                .replace("{{COMPLETIONS}}\n", s.toString());
    }

    private static String fishOption(String cmd, String condition, OptionSpec option) {
        StringBuilder s = new StringBuilder("complete -c ").append(cmd).append(" -n ").append(fishQuote(condition));
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
            String values = fishValues(option);
            if (values != null) {
                s.append(" -a ").append(values);
            }
        }
        String d = firstSentence(option.description());
        if (!d.isEmpty()) {
            s.append(" -d ").append(fishQuote(d));
        }
        return s.toString();
    }

    /** The fish argument of {@code -a} for an argument's or option's values, or null when it has none to offer. */
    private static String fishValues(ArgSpec arg) {
        return switch (values(arg)) {
            case null -> null;
            case Values.Dynamic(String function) -> fishQuote("(" + function + ")");
            case Values.Fixed(List<String> words) -> fishQuote(String.join(" ", words));
        };
    }

    // ---------------------------------------------------------------- the model

    /** What completes an argument or option: a function of the scripts (asking the engine or the config file), or fixed words. */
    private sealed interface Values {
        record Dynamic(String function) implements Values {
        }

        record Fixed(List<String> words) implements Values {
        }
    }

    /** The values that {@code arg} declares as its completionCandidates, or null when it has none to offer. */
    private static Values values(ArgSpec arg) {
        Iterable<String> candidates = arg.completionCandidates();
        if (candidates == null) {
            return null;
        }
        String function = CompletionValues.FUNCTIONS.get(candidates.getClass());
        if (function != null) {
            return new Values.Dynamic(function);
        }
        List<String> fixed = new ArrayList<>();
        candidates.forEach(fixed::add);
        return fixed.isEmpty() ? null : new Values.Fixed(fixed);
    }

    /** Every command by its path ("" for the root, "plugin install" for a nested one), hidden ones left out. */
    private static Map<String, CommandSpec> commands(CommandLine root) {
        Map<String, CommandSpec> all = new LinkedHashMap<>();
        collect("", root.getCommandSpec(), all);
        return all;
    }

    private static void collect(String path, CommandSpec spec, Map<String, CommandSpec> into) {
        into.put(path, spec);
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            CommandSpec subSpec = sub.getValue().getCommandSpec();
            if (!subSpec.usageMessage().hidden()) {
                collect(path.isEmpty() ? sub.getKey() : path + " " + sub.getKey(), subSpec, into);
            }
        }
    }

    private static List<String> visibleSubcommands(CommandSpec spec) {
        return spec.subcommands().entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                .map(Map.Entry::getKey).toList();
    }

    /** The names of the options that take a value ({@code withValue}), or of the flags. */
    static List<String> optionNames(CommandSpec spec, boolean withValue) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden() && (option.arity().max() > 0) == withValue) {
                names.addAll(Arrays.asList(option.names()));
                if (option.negatable()) {
                    names.add(spec.negatableOptionTransformer().makeNegative(option.longestName(), spec));
                }
            }
        }
        return names;
    }

    private static String template(String name) {
        try (InputStream in = CompletionScripts.class.getResourceAsStream("completion/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no completion template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Single-quoted for sh (our own words: command names, options, fixed values). */
    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Single-quoted for fish, which takes \\ and \\' inside single quotes. */
    private static String fishQuote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
