package dev.leadbase.leads.domain;

/**
 * The search entries' upgrade to today's layout, as the search upgrade walks it: first every stored lead, whose
 * entries are brought to today's layout (phase {@link #INDEX}), then every item of the lead index table, of which the
 * entries of the layout before are deleted (phase {@link #DELETE}). Each step stores the position it reached,
 * conditional on the one it started from, so a run cut short resumes after its last stored step and two runs at once
 * never both advance it. Both phases are idempotent: a step done again writes the same entries and deletes nothing
 * more.
 */
public interface SearchBackfill {
    /** Phase 1: every stored lead's search entries are written in today's layout. */
    int INDEX = 1;
    /** Phase 2: the search entries of the layout before are deleted. */
    int DELETE = 2;

    /** Where the upgrade stands, as stored. */
    Progress progress();

    /**
     * One step of phase {@link #INDEX} from {@code cursor} (null: from the first lead): reads up to {@code max}
     * items of the leads table after it, indexes each lead among them and stores the position reached; after the
     * last lead, the position is the start of phase {@link #DELETE}.
     */
    Step indexNext(String cursor, int max);

    /**
     * One step of phase {@link #DELETE} from {@code cursor} (null: from the first item): reads up to {@code max}
     * items of the lead index table after it, deletes the search entries of the layout before among them and stores
     * the position reached; after the last item, the upgrade is done.
     */
    Step deleteNext(String cursor, int max);

    /**
     * @param phase   {@link #INDEX} or {@link #DELETE}
     * @param cursor  the last item the phase has read (null at its start, and once done)
     * @param indexed leads indexed so far; {@code deleted}: entries of the layout before deleted so far
     */
    record Progress(int phase, String cursor, boolean done, long indexed, long deleted) {
        public static final Progress START = new Progress(INDEX, null, false, 0, 0);
    }

    /**
     * @param read     items the step read
     * @param indexed  leads it indexed; {@code deleted}: entries it deleted
     * @param progress the position it stored, or null when another run moved the stored position away from the
     *                 step's start meanwhile: the step's writes (the same as that run's) are then not counted
     */
    record Step(int read, int indexed, int deleted, Progress progress) {
        public boolean overtaken() {
            return progress == null;
        }
    }
}
