package jp.madoguchi.hqlink.message;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A clerk's decision on an application. */
public enum Outcome {
    @JsonProperty("accepted") ACCEPTED,
    @JsonProperty("correction_needed") CORRECTION_NEEDED,
    @JsonProperty("rejected") REJECTED,
    /** A value a newer headquarters sends that this booth does not know; shown as "ask at the counter". */
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN
}
