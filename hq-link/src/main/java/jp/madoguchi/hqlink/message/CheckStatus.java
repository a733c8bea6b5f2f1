package jp.madoguchi.hqlink.message;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The result of one verification check at intake. */
public enum CheckStatus {
    @JsonProperty("passed") PASSED,
    @JsonProperty("failed") FAILED,
    /** Could not be decided (e.g. the CRL could not be fetched). */
    @JsonProperty("indeterminate") INDETERMINATE,
    /** A value a newer headquarters sends that this booth does not know. */
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN
}
