package org.luoshi.importing;

import java.util.List;

/** What an import did (or, in a dry run, would do): items made, drafts updated, rows left as they were. */
public record ImportResult(int imported, int updated, int unchanged, boolean dryRun, List<RowError> errors) {

    public boolean ok() {
        return errors.isEmpty();
    }
}
