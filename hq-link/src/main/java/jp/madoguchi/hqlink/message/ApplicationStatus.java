package jp.madoguchi.hqlink.message;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a submitted application stands after intake. */
public enum ApplicationStatus {
    /** Stored, and every signature check passed: a clerk will process it. */
    @JsonProperty("verified") VERIFIED,
    /** Stored, but at least one check failed: a clerk will see why. */
    @JsonProperty("verification_failed") VERIFICATION_FAILED,
    /** A value a newer headquarters sends that this booth does not know. */
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN
}
