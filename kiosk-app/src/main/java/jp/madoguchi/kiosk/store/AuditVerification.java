package jp.madoguchi.kiosk.store;

import java.util.OptionalLong;

/**
 * The result of {@link AuditTrail#verify()}: intact, or the first sequence number at which the chain
 * breaks and why.
 */
public record AuditVerification(long rowsChecked, OptionalLong firstBrokenSeq, String problem) {

    static AuditVerification intact(long rowsChecked) {
        return new AuditVerification(rowsChecked, OptionalLong.empty(), null);
    }

    static AuditVerification brokenAt(long rowsChecked, long seq, String problem) {
        return new AuditVerification(rowsChecked, OptionalLong.of(seq), problem);
    }

    public boolean ok() {
        return firstBrokenSeq.isEmpty();
    }

    @Override
    public String toString() {
        return ok() ? "audit trail intact (" + rowsChecked + " rows)"
                : "audit trail broken at seq " + firstBrokenSeq.getAsLong() + ": " + problem;
    }
}
