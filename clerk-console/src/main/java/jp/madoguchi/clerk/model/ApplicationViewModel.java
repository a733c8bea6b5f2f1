package jp.madoguchi.clerk.model;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.fill.SignedApplication;
import jp.madoguchi.forms.fill.UnreadableApplicationException;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.Language;
import jp.madoguchi.forms.render.JapaneseFonts;
import jp.madoguchi.forms.render.PdfRenderer;
import jp.madoguchi.forms.render.PngPreview;
import jp.madoguchi.hqlink.message.ApplicationStatus;
import jp.madoguchi.hqlink.message.Check;
import jp.madoguchi.hqlink.message.CheckStatus;
import jp.madoguchi.hqlink.message.ClerkApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application of an answered call, ready to show: its fields with where each value came from, the paper form as
 * the booth printed it (rendered again from the signed content, with the same renderer), and the verification results
 * as separate plain badges, the characters the card substituted (外字) among them.
 *
 * <p>Built on the work thread by {@link Factory#create} (parsing, PDF and PNG rendering take a few hundred
 * milliseconds); immutable afterwards except for {@link #clear()}, which drops the personal content when the call's
 * screen closes. What headquarters signed is what the clerk sees: the values are the signed ones, never re-filled.
 * {@link #toString()} names the reference only.
 */
public final class ApplicationViewModel {
    private static final Logger log = LoggerFactory.getLogger(ApplicationViewModel.class);
    private static final Pattern CRL_DATE = Pattern.compile("CRL of (\\S+?)\\)?$");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** How a badge looks: passed, failed, not decided, or something for the clerk to look at. */
    public enum Level { PASSED, FAILED, INDETERMINATE, ATTENTION }

    /**
     * One verification result as the clerk reads it.
     *
     * @param id the check's protocol name ({@code signature}, {@code revocation} …) or {@code gaiji}
     * @param title what was checked, in the clerk's language
     * @param verdict the result in words ("passed", "FAILED" …)
     * @param detail what exactly: the CRL's date, the failure's reason, the substituted characters' positions
     */
    public record Badge(String id, Level level, String title, String verdict, String detail) {
    }

    /** One field of the form: where it sits, its signed value, its source, and substituted characters if any. */
    public record FieldRow(String section, String label, String value, String source, String clerkCheck,
            boolean needsClerkCheck) {
        @Override
        public String toString() {
            return "FieldRow[" + label + ", " + source + "]";
        }
    }

    /** Builds the view model of an application (on the work thread). */
    @FunctionalInterface
    public interface Factory {
        ApplicationViewModel create(ClerkApplication application);
    }

    private final String reference;
    private final String formId;
    private final String formTitle;
    private final Instant receivedAt;
    private final ApplicationStatus status;
    private final List<Badge> badges;
    private final String problem;
    private final String notice;
    private volatile List<FieldRow> fields;
    private volatile byte[] formPng;

    private ApplicationViewModel(String reference, String formId, String formTitle, Instant receivedAt,
            ApplicationStatus status, List<Badge> badges, List<FieldRow> fields, byte[] formPng, String problem,
            String notice) {
        this.reference = reference;
        this.formId = formId;
        this.formTitle = formTitle;
        this.receivedAt = receivedAt;
        this.status = status;
        this.badges = List.copyOf(badges);
        this.fields = List.copyOf(fields);
        this.formPng = formPng;
        this.problem = problem;
        this.notice = notice;
    }

    /**
     * The production factory: the form catalogue to read the signed content with, and the fonts the booth prints
     * with (loaded once, when first needed).
     */
    public static Factory factory(FormCatalogue catalogue, Supplier<JapaneseFonts> fonts, Locale locale, ZoneId zone) {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(fonts, "fonts");
        return application -> of(application, catalogue, fonts, locale, zone);
    }

    static ApplicationViewModel of(ClerkApplication application, FormCatalogue catalogue, Supplier<JapaneseFonts> fonts,
            Locale locale, ZoneId zone) {
        List<Badge> badges = new ArrayList<>();
        for (Check check : application.checks()) {
            badges.add(badge(check, locale, zone));
        }
        byte[] json;
        try {
            json = Base64.getDecoder().decode(application.canonicalJsonBase64());
        } catch (IllegalArgumentException e) {
            return unreadable(application, badges, "base64", locale);
        }
        SignedApplication signed;
        try {
            signed = SignedApplication.read(json, catalogue);
        } catch (UnreadableApplicationException e) {
            log.warn("application {} cannot be shown: {}", application.reference(), e.getMessage());
            return unreadable(application, badges, e.getMessage(), locale);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
        List<FieldRow> rows = new ArrayList<>();
        List<String> gaiji = new ArrayList<>();
        for (SignedApplication.FieldView field : signed.fields()) {
            String check = "";
            if (field.needsClerkCheck()) {
                List<String> at = new ArrayList<>();
                for (int position : field.clerkCheckPositions()) {
                    at.add(characterAt(field.value(), position) + "(" + (position + 1) + ")");
                    gaiji.add(ConsoleText.CHECK_GAIJI_AT.in(locale, field.label(), position + 1)
                            + " 「" + characterAt(field.value(), position) + "」");
                }
                check = ConsoleText.APP_GAIJI_CELL.in(locale, String.join(" ", at));
            }
            rows.add(new FieldRow(field.section(), field.label(), field.value(), sourceText(field.kind(), locale),
                    check, field.needsClerkCheck()));
        }
        for (FilledApplication.ClerkCheck c : signed.clerkChecks()) {
            boolean shownInAField = signed.fields().stream().anyMatch(f -> f.id().equals(c.fieldId()));
            if (!shownInAField) { // the card substituted characters in a value no cell prints
                for (int position : c.positions()) {
                    gaiji.add(ConsoleText.CHECK_GAIJI_AT.in(locale, c.fieldId(), position + 1));
                }
            }
        }
        badges.add(new Badge("gaiji", gaiji.isEmpty() ? Level.PASSED : Level.ATTENTION,
                ConsoleText.CHECK_GAIJI.in(locale),
                gaiji.isEmpty() ? ConsoleText.CHECK_GAIJI_NONE.in(locale) : ConsoleText.CHECK_GAIJI_NEEDED.in(locale),
                String.join("、", gaiji)));
        byte[] png = null;
        try {
            byte[] pdf = new PdfRenderer(fonts.get()).render(signed.application());
            png = new PngPreview().render(pdf);
        } catch (IOException | RuntimeException e) {
            log.warn("application {}: the form could not be rendered: {}", application.reference(), e.getClass().getSimpleName());
        }
        String notice = signed.exactRebuild() ? "" : ConsoleText.APP_NOT_EXACT.in(locale, String.join("; ", signed.differences()));
        String title = signed.catalogueForm() == null ? application.formId()
                : signed.catalogueForm().title().in(Language.JA);
        return new ApplicationViewModel(application.reference(), application.formId(), title,
                application.receivedAt(), application.status(), badges, rows, png, "", notice);
    }

    private static ApplicationViewModel unreadable(ClerkApplication application, List<Badge> badges, String why,
            Locale locale) {
        return new ApplicationViewModel(application.reference(), application.formId(), application.formId(),
                application.receivedAt(), application.status(), badges, List.of(), null,
                ConsoleText.APP_UNREADABLE.in(locale, why), "");
    }

    /** A check from headquarters as a badge. Unknown check names are shown as they are. */
    static Badge badge(Check check, Locale locale, ZoneId zone) {
        Level level = switch (check.status()) {
            case PASSED -> Level.PASSED;
            case FAILED -> Level.FAILED;
            default -> Level.INDETERMINATE;
        };
        String verdict = switch (check.status()) {
            case PASSED -> ConsoleText.CHECK_PASSED.in(locale);
            case FAILED -> ConsoleText.CHECK_FAILED.in(locale);
            default -> ConsoleText.CHECK_INDETERMINATE.in(locale);
        };
        String title = switch (check.check()) {
            case "signature" -> ConsoleText.CHECK_SIGNATURE.in(locale);
            case "signing_certificate" -> ConsoleText.CHECK_SIGNING_CERTIFICATE.in(locale);
            case "chain" -> ConsoleText.CHECK_CHAIN.in(locale);
            case "key_usage" -> ConsoleText.CHECK_KEY_USAGE.in(locale);
            case "validity" -> ConsoleText.CHECK_VALIDITY.in(locale);
            case "revocation" -> ConsoleText.CHECK_REVOCATION.in(locale);
            case "card_data" -> ConsoleText.CHECK_CARD_DATA.in(locale);
            default -> check.check();
        };
        String reason = check.reason() == null ? "" : check.reason();
        String detail = reason;
        if ("revocation".equals(check.check()) && check.status() == CheckStatus.PASSED) {
            detail = crlDate(reason, zone).map(date -> ConsoleText.CHECK_CRL_DATE.in(locale, date)).orElse(reason);
        }
        return new Badge(check.check(), level, title, verdict, detail);
    }

    /** The CRL's time from a reason like {@code not on the CRL of 2026-11-20T00:00:00Z}, in the console's zone. */
    static java.util.Optional<String> crlDate(String reason, ZoneId zone) {
        Matcher m = CRL_DATE.matcher(reason);
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(MINUTES.format(Instant.parse(m.group(1)).atZone(zone)));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private static String sourceText(SignedApplication.SourceKind kind, Locale locale) {
        return switch (kind) {
            case CARD -> ConsoleText.APP_SOURCE_CARD.in(locale);
            case ANSWER -> ConsoleText.APP_SOURCE_ANSWER.in(locale);
            case BOOTH -> ConsoleText.APP_SOURCE_BOOTH.in(locale);
            case COMPUTED -> ConsoleText.APP_SOURCE_COMPUTED.in(locale);
            case TEXT -> ConsoleText.APP_SOURCE_TEXT.in(locale);
            case UNKNOWN -> ConsoleText.APP_SOURCE_UNKNOWN.in(locale);
        };
    }

    private static String characterAt(String value, int codePointIndex) {
        if (value == null || codePointIndex < 0 || codePointIndex >= value.codePointCount(0, value.length())) {
            return "?";
        }
        int offset = value.offsetByCodePoints(0, codePointIndex);
        return new String(Character.toChars(value.codePointAt(offset)));
    }

    /** Drops the personal content (fields, rendered form) when the call's screen closes. */
    public void clear() {
        fields = List.of();
        byte[] png = formPng;
        formPng = null;
        if (png != null) {
            Arrays.fill(png, (byte) 0);
        }
    }

    public String reference() {
        return reference;
    }

    public String formId() {
        return formId;
    }

    /** The procedure's name in Japanese (住民票の写しの交付申請書), or the form id when the catalogue lacks it. */
    public String formTitle() {
        return formTitle;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** Headquarters' verdict over all checks. */
    public ApplicationStatus status() {
        return status;
    }

    /** One badge per check headquarters made, then the substituted characters' badge. */
    public List<Badge> badges() {
        return badges;
    }

    /** The fields in the order of the paper form; empty when the content could not be read. */
    public List<FieldRow> fields() {
        return fields;
    }

    /** The paper form as a PNG, or null when it could not be rendered. */
    public byte[] formPng() {
        return formPng;
    }

    /** Why the content cannot be shown, or "". */
    public String problem() {
        return problem;
    }

    /** A note when the catalogue's form differs from the one signed, or "". */
    public String notice() {
        return notice;
    }

    /** Whether any check failed. */
    public boolean anyFailed() {
        return badges.stream().anyMatch(b -> b.level() == Level.FAILED);
    }

    /** Whether the card substituted characters a clerk must check. */
    public boolean needsClerkCheck() {
        return badges.stream().anyMatch(b -> b.level() == Level.ATTENTION);
    }

    @Override
    public String toString() {
        return "ApplicationViewModel[" + reference + ", " + formId + "]";
    }
}
