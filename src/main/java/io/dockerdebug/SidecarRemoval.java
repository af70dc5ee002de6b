package io.dockerdebug;

import java.util.List;

/**
 * What a removal of sidecars did.
 *
 * @param removed the full ids of the sidecars removed
 * @param errors  one line per name that is not a sidecar, or is ambiguous; nothing was removed for it
 */
public record SidecarRemoval(List<String> removed, List<String> errors) {
    /**
     * Copies the lists.
     *
     * @param removed see the record's description
     * @param errors  see the record's description
     */
    public SidecarRemoval {
        removed = List.copyOf(removed);
        errors = List.copyOf(errors);
    }
}
