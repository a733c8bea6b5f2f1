package jp.madoguchi.clerk.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every text the clerk console shows, as keys of {@code jp/madoguchi/clerk/console*.properties}: Japanese first
 * ({@code console_ja}), English ({@code console}). {@code ConsoleTextTest} checks that both bundles have exactly
 * these keys. Thread-safe.
 */
public enum ConsoleText {
    LOGIN_TITLE("login.title"),
    LOGIN_USERNAME("login.username"),
    LOGIN_PASSWORD("login.password"),
    LOGIN_SUBMIT("login.submit"),
    LOGIN_IN_PROGRESS("login.in-progress"),
    LOGIN_MISSING_FIELDS("login.missing-fields"),
    LOGIN_BAD_CREDENTIALS("login.bad-credentials"),
    LOGIN_LOCKED_OUT("login.locked-out"),
    LOGIN_HQ_UNREACHABLE("login.hq-unreachable"),
    LOGIN_REFUSED("login.refused"),
    SESSION_EXPIRED("session.expired"),
    QUEUE_EMPTY("queue.empty"),
    QUEUE_STALE("queue.stale"),
    QUEUE_PRIORITY("queue.priority"),
    QUEUE_WAITING("queue.waiting"),
    QUEUE_ALREADY_TAKEN("queue.already-taken"),
    APP_TITLE("app.title"),
    TOP_SIGNED_IN("top.signed-in"),
    TOP_LOGOUT("top.logout"),
    TOP_CONNECTED("top.connected"),
    TOP_DISCONNECTED("top.disconnected"),
    TAB_CALLS("tab.calls"),
    TAB_HISTORY("tab.history"),
    TAB_ADMIN("tab.admin"),
    SHORTCUTS("shortcuts"),
    QUEUE_TITLE("queue.title"),
    QUEUE_ANSWER_NEXT("queue.answer-next"),
    QUEUE_ANSWER("queue.answer"),
    QUEUE_NEEDS_CHECK("queue.needs-check"),
    QUEUE_NO_APPLICATION("queue.no-application"),
    QUEUE_BOOTH_UNKNOWN("queue.booth-unknown"),
    BOOTHS_TITLE("booths.title"),
    BOOTHS_ONLINE("booths.online"),
    BOOTHS_OFFLINE("booths.offline"),
    BOOTHS_STATE_IDLE("booths.state.idle"),
    BOOTHS_STATE_WITH_RESIDENT("booths.state.with-resident"),
    BOOTHS_STATE_IN_CALL("booths.state.in-call"),
    BOOTHS_NONE("booths.none"),
    CALL_NONE("call.none"),
    CALL_ANSWERING("call.answering"),
    CALL_CONNECTING("call.connecting"),
    CALL_WAITING_FOR_BOOTH("call.waiting-for-booth"),
    CALL_VIDEO_ENDED("call.video-ended"),
    CALL_VIDEO_FAILED("call.video-failed"),
    CALL_HQ_UNREACHABLE("call.hq-unreachable"),
    CALL_NOBODY_WAITING("call.nobody-waiting"),
    CALL_REFUSED("call.refused"),
    CALL_CLERK_FALLBACK_NAME("call.clerk-fallback-name"),
    CALL_MUTE("call.mute"),
    CALL_UNMUTE("call.unmute"),
    CALL_END("call.end"),
    CALL_CLOSE("call.close"),
    CALL_CLOSE_UNDECIDED("call.close-undecided"),
    CALL_NO_APPLICATION("call.no-application"),
    SHOW_TITLE("show.title"),
    SHOW_PROMPT("show.prompt"),
    SHOW_SEND("show.send"),
    SHOW_PICTURE("show.picture"),
    SHOW_CLEAR("show.clear"),
    SHOW_SENDING("show.sending"),
    SHOW_EMPTY("show.empty"),
    SHOW_SENT("show.sent"),
    SHOW_CLEARED("show.cleared"),
    SHOW_BOOTH_OFFLINE("show.booth-offline"),
    SHOW_REFUSED("show.refused"),
    SHOW_TOO_LONG("show.too-long"),
    SHOW_PICTURE_TOO_LARGE("show.picture-too-large"),
    SHOW_PICTURE_UNREADABLE("show.picture-unreadable"),
    DECISION_TITLE("decision.title"),
    DECISION_MESSAGE_PROMPT("decision.message-prompt"),
    DECISION_ACCEPT("decision.accept"),
    DECISION_CORRECTION("decision.correction"),
    DECISION_REJECT("decision.reject"),
    DECISION_CONFIRM("decision.confirm"),
    DECISION_CONFIRM_SEND("decision.confirm-send"),
    DECISION_CONFIRM_CANCEL("decision.confirm-cancel"),
    DECISION_NEEDS_MESSAGE("decision.needs-message"),
    DECISION_SENDING("decision.sending"),
    DECISION_SENT("decision.sent"),
    DECISION_ALREADY_DECIDED("decision.already-decided"),
    DECISION_UNKNOWN_REFERENCE("decision.unknown-reference"),
    DECISION_HQ_UNREACHABLE("decision.hq-unreachable"),
    DECISION_REFUSED("decision.refused"),
    /** headquarters gave the call back to the queue while this console was away (409 call_returned) */
    CALL_RETURNED("call.returned"),
    /** the application's call is another clerk's (403 not_your_call) */
    DECISION_NOT_YOUR_CALL("decision.not-your-call"),
    APP_REFERENCE("app.reference"),
    APP_RECEIVED("app.received"),
    APP_TAB_FIELDS("app.tab.fields"),
    APP_TAB_FORM("app.tab.form"),
    APP_COL_SECTION("app.col.section"),
    APP_COL_LABEL("app.col.label"),
    APP_COL_VALUE("app.col.value"),
    APP_COL_SOURCE("app.col.source"),
    APP_SOURCE_CARD("app.source.card"),
    APP_SOURCE_ANSWER("app.source.answer"),
    APP_SOURCE_BOOTH("app.source.booth"),
    APP_SOURCE_COMPUTED("app.source.computed"),
    APP_SOURCE_TEXT("app.source.text"),
    APP_SOURCE_UNKNOWN("app.source.unknown"),
    APP_UNREADABLE("app.unreadable"),
    APP_NOT_EXACT("app.not-exact"),
    APP_RENDER_FAILED("app.render-failed"),
    APP_GAIJI_CELL("app.gaiji-cell"),
    CHECK_PASSED("check.passed"),
    CHECK_FAILED("check.failed"),
    CHECK_INDETERMINATE("check.indeterminate"),
    CHECK_SIGNATURE("check.signature"),
    CHECK_SIGNING_CERTIFICATE("check.signing-certificate"),
    CHECK_CHAIN("check.chain"),
    CHECK_KEY_USAGE("check.key-usage"),
    CHECK_VALIDITY("check.validity"),
    CHECK_REVOCATION("check.revocation"),
    CHECK_CARD_DATA("check.card-data"),
    CHECK_CRL_DATE("check.crl-date"),
    CHECK_GAIJI("check.gaiji"),
    CHECK_GAIJI_NONE("check.gaiji-none"),
    CHECK_GAIJI_NEEDED("check.gaiji-needed"),
    CHECK_GAIJI_AT("check.gaiji-at"),
    CHECK_OVERALL_VERIFIED("check.overall-verified"),
    CHECK_OVERALL_FAILED("check.overall-failed"),
    HISTORY_SEARCH("history.search"),
    HISTORY_DATE("history.date"),
    HISTORY_REFRESH("history.refresh"),
    HISTORY_COL_TIME("history.col.time"),
    HISTORY_COL_REFERENCE("history.col.reference"),
    HISTORY_COL_PROCEDURE("history.col.procedure"),
    HISTORY_COL_BOOTH("history.col.booth"),
    HISTORY_COL_CLERK("history.col.clerk"),
    HISTORY_COL_OUTCOME("history.col.outcome"),
    HISTORY_COL_DECIDED_BY("history.col.decided-by"),
    HISTORY_UNDECIDED("history.undecided"),
    HISTORY_EMPTY("history.empty"),
    HISTORY_LOADING("history.loading"),
    HISTORY_COUNT("history.count"),
    ADMIN_ENROL_TITLE("admin.enrol.title"),
    ADMIN_ENROL_NAME("admin.enrol.name"),
    ADMIN_ENROL_LOCATION("admin.enrol.location"),
    ADMIN_ENROL_HOURS("admin.enrol.hours"),
    ADMIN_ENROL_CREATE("admin.enrol.create"),
    ADMIN_ENROL_CODE("admin.enrol.code"),
    ADMIN_ENROL_MISSING("admin.enrol.missing"),
    ADMIN_BOOTHS_TITLE("admin.booths.title"),
    ADMIN_BOOTH_REVOKE("admin.booth.revoke"),
    ADMIN_BOOTH_REVOKE_CONFIRM("admin.booth.revoke-confirm"),
    ADMIN_BOOTH_REVOKED("admin.booth.revoked"),
    ADMIN_COL_NAME("admin.col.name"),
    ADMIN_COL_LOCATION("admin.col.location"),
    ADMIN_COL_STATE("admin.col.state"),
    ADMIN_COL_LAST_SEEN("admin.col.last-seen"),
    ADMIN_COL_ENROLLED("admin.col.enrolled"),
    ADMIN_COL_STARTED("admin.col.started"),
    ADMIN_COL_UNCLEAN("admin.col.unclean"),
    ADMIN_CLERKS_TITLE("admin.clerks.title"),
    ADMIN_CLERK_USERNAME("admin.clerk.username"),
    ADMIN_CLERK_NAME("admin.clerk.name"),
    ADMIN_CLERK_PASSWORD("admin.clerk.password"),
    ADMIN_CLERK_IS_ADMIN("admin.clerk.is-admin"),
    ADMIN_CLERK_CREATE("admin.clerk.create"),
    ADMIN_CLERK_CREATED("admin.clerk.created"),
    ADMIN_CLERK_DISABLE("admin.clerk.disable"),
    ADMIN_CLERK_ENABLE("admin.clerk.enable"),
    ADMIN_CLERK_UNLOCK("admin.clerk.unlock"),
    ADMIN_CLERK_STATUS_ACTIVE("admin.clerk.status.active"),
    ADMIN_CLERK_STATUS_DISABLED("admin.clerk.status.disabled"),
    ADMIN_CLERK_STATUS_LOCKED("admin.clerk.status.locked"),
    ADMIN_CLERK_TAKEN("admin.clerk.taken"),
    ADMIN_CLERK_WEAK("admin.clerk.weak"),
    ADMIN_CLERK_MISSING("admin.clerk.missing"),
    ADMIN_DONE("admin.done"),
    ADMIN_REFUSED("admin.refused"),
    ADMIN_FORBIDDEN("admin.forbidden"),
    ADMIN_SELF("admin.self"),
    OUTCOME_ACCEPTED("outcome.accepted"),
    OUTCOME_CORRECTION_NEEDED("outcome.correction-needed"),
    OUTCOME_REJECTED("outcome.rejected");

    /** The bundle's base name. */
    public static final String BUNDLE = "jp.madoguchi.clerk.console";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String key;

    ConsoleText(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The text in {@code locale} (Japanese, or English for any other), with {@code arguments} filled in. */
    public String in(Locale locale, Object... arguments) {
        ResourceBundle bundle = bundle(locale);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key; // never an empty screen; ConsoleTextTest keeps this from happening
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(arguments);
    }

    /** The console's bundle for {@code locale}: Japanese for Japanese, English otherwise. */
    public static ResourceBundle bundle(Locale locale) {
        Locale file = Locale.JAPANESE.getLanguage().equals(locale.getLanguage()) ? Locale.JAPANESE : Locale.ROOT;
        return ResourceBundle.getBundle(BUNDLE, file, ConsoleText.class.getClassLoader(), NO_FALLBACK);
    }
}
