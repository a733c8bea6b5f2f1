package jp.madoguchi.hqlink.message;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What a booth is doing, as it tells headquarters over the presence channel. */
public enum BoothState {
    @JsonProperty("idle") IDLE,
    @JsonProperty("with_resident") WITH_RESIDENT,
    @JsonProperty("in_call") IN_CALL,
    /** A value a newer booth sends that this headquarters does not know. */
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN
}
