package dev.leadbase.leads.domain;

/**
 * The leads table of the previous storage layout, as the upgrade copies it into today's table: in one fixed order,
 * a few leads at a time, each copy committed together with the position reached (so a run cut short anywhere
 * resumes exactly where its last commit left off, and no lead is copied twice).
 */
public interface PreviousLeads {
    /** No previous table is configured: there is nothing to copy. */
    PreviousLeads NONE = new PreviousLeads() {
        @Override
        public String name() {
            return null;
        }

        @Override
        public Progress progress() {
            return new Progress(null, true, 0, 0);
        }

        @Override
        public Step copyNext(String cursor, int max) {
            return new Step(0, 0, null, true, false);
        }
    };

    /** The previous table's name (null when none is configured). */
    String name();

    /** Where the upgrade stands, as stored: the position reached, whether it is done, and its running totals. */
    Progress progress();

    /**
     * Copies up to {@code max} leads that follow {@code cursor} (null: from the start), each unless a lead with its id
     * is already in today's table, and stores the new position with them. {@link Step#overtaken()} when another run
     * moved the stored position away from {@code cursor} meanwhile: nothing was copied.
     */
    Step copyNext(String cursor, int max);

    /** @param cursor the last lead copied or skipped (null before the first) */
    record Progress(String cursor, boolean done, long copied, long skipped) {
    }

    /** @param cursor the position reached (null when done) */
    record Step(int copied, int skipped, String cursor, boolean done, boolean overtaken) {
    }
}
