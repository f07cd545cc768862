package newsroom.stats.counting;

import newsroom.stats.intake.ViewRecord;
import newsroom.stats.tally.CountableView;
import newsroom.stats.tally.DecodedView;

/** A record whose view passed every check that needs no state: it goes on to be counted (or parked). */
record Accepted(ViewRecord record, DecodedView view) implements CountableView {

    @Override
    public long offset() {
        return record.offset();
    }

    @Override
    public boolean rateLimited() {
        return record.rateLimited();
    }
}
