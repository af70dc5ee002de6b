package io.dockerdebug.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * -h/--help and -V/--version for a model built by hand: what {@code mixinStandardHelpOptions}
 * adds, without its annotated mixin class (picocli reads that one by reflection).
 */
final class StandardHelpOptions {
    /** The key picocli files its own standard help mixin under: {@code CommandSpec.mixinStandardHelpOptions()} looks for it. */
    private static final String KEY = "mixinStandardHelpOptions";

    private StandardHelpOptions() {
    }

    /** Adds them last, as picocli does. */
    static void addTo(CommandSpec command) {
        CommandSpec mixin = CommandSpec.create();
        // The names and description keys of picocli's AutoHelpMixin (the names can be changed by system properties).
        mixin.addOption(OptionSpec.builder("${picocli.help.name.0:--h}", "${picocli.help.name.1:---help}")
                .paramLabel("<helpRequested>").usageHelp(true).descriptionKey("mixinStandardHelpOptions.help")
                .description("Show this help message and exit.").type(boolean.class).initialValue(false).build());
        mixin.addOption(OptionSpec.builder("${picocli.version.name.0:--V}", "${picocli.version.name.1:---version}")
                .paramLabel("<versionRequested>").versionHelp(true).descriptionKey("mixinStandardHelpOptions.version")
                .description("Print version information and exit.").type(boolean.class).initialValue(false).build());
        command.addMixin(KEY, mixin);
    }
}
