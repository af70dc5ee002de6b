package io.dockerdebug.cli;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where the values of an option or parameter come from at TAB, declared beside it as picocli's
 * {@code completionCandidates}. The dynamic ones list nothing here: the completion scripts ask
 * the engine or the config file through the shell function named in {@link #FUNCTIONS}.
 */
final class CompletionValues {
    private CompletionValues() {
    }

    /** Running containers ({@code docker ps}). */
    static final class Containers extends Dynamic {
    }

    /** Local images ({@code docker images}). */
    static final class Images extends Dynamic {
    }

    /** Profile names of the config file the command line would read. */
    static final class Profiles extends Dynamic {
    }

    /** The pull policies. */
    static final class PullPolicies implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("missing", "always", "never").iterator();
        }
    }

    /** The shell function of the completion scripts that prints each dynamic source's values. */
    static final Map<Class<?>, String> FUNCTIONS = Map.of(
            Containers.class, "__docker_debug_containers",
            Images.class, "__docker_debug_images",
            Profiles.class, "__docker_debug_profiles");

    /** Values known only at TAB: none here. */
    abstract static class Dynamic implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Collections.emptyIterator();
        }
    }
}
