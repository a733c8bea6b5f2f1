package jp.madoguchi.clerk.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jp.madoguchi.clerk.model.ApplicationViewModel.Badge;
import jp.madoguchi.clerk.model.ApplicationViewModel.FieldRow;
import jp.madoguchi.clerk.model.ApplicationViewModel.Level;
import jp.madoguchi.forms.catalogue.FormCatalogue;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.render.JapaneseFonts;
import jp.madoguchi.hq.testing.SignedApplications;
import jp.madoguchi.hqlink.message.ApplicationStatus;
import jp.madoguchi.hqlink.message.Check;
import jp.madoguchi.hqlink.message.CheckStatus;
import jp.madoguchi.hqlink.message.ClerkApplication;
import org.junit.jupiter.api.Test;

/** An application as the clerk sees it, from real signed content: fields and sources, the printed form, badges. */
class ApplicationViewModelTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final FormCatalogue CATALOGUE = catalogue();
    private static JapaneseFonts fonts;

    private static FormCatalogue catalogue() {
        try {
            return FormCatalogue.load(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized JapaneseFonts fonts() {
        if (fonts == null) {
            fonts = JapaneseFonts.fromSystem();
        }
        return fonts;
    }

    static List<Check> allPassed() {
        return List.of(new Check("signature", CheckStatus.PASSED, "signature and content digest match"),
                new Check("chain", CheckStatus.PASSED, "signed by root CN=Test JPKI"),
                new Check("revocation", CheckStatus.PASSED, "not on the CRL of 2026-11-20T00:00:00Z"),
                new Check("card_data", CheckStatus.PASSED, "applicant matches the signature certificate"));
    }

    static ClerkApplication application(CardData holder, List<Check> checks) {
        byte[] json = SignedApplications.juminhyo(holder, 2, "R-20261124-0001", "booth-test");
        return new ClerkApplication("R-20261124-0001", "juminhyo", Base64.getEncoder().encodeToString(json), "AA==",
                ApplicationStatus.VERIFIED, checks, Instant.parse("2026-11-24T01:30:00Z"));
    }

    /** The view model of {@code application} as the console builds it (for other tests). */
    static ApplicationViewModel plain(ClerkApplication application) {
        return ApplicationViewModel.of(application, CATALOGUE, ApplicationViewModelTest::fonts, Locale.JAPANESE, TOKYO);
    }

    @Test
    void everyFieldShowsItsSignedValueAndSourceAndThePrintedFormIsRendered() {
        ApplicationViewModel app = plain(application(SignedApplications.HOLDER, allPassed()));
        assertEquals("", app.problem());
        assertEquals("R-20261124-0001", app.reference());
        assertTrue(app.formTitle().contains("住民票"), app.formTitle());
        Map<String, FieldRow> byValue = app.fields().stream()
                .collect(Collectors.toMap(FieldRow::value, row -> row, (a, b) -> a));
        assertEquals("カード", byValue.get("見本　太郎").source(), "the name comes from the card");
        assertTrue(app.fields().stream().anyMatch(row -> row.source().equals("回答")), "answers are marked");
        assertTrue(app.fields().stream().anyMatch(row -> row.source().equals("自動計算")), "computed cells too");
        byte[] png = app.formPng();
        assertNotNull(png, "the paper form as the booth printed it");
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertFalse(app.needsClerkCheck());
        assertFalse(app.anyFailed());
    }

    @Test
    void eachCheckIsItsOwnPlainBadgeAndTheRevocationBadgeGivesTheCrlDate() {
        ApplicationViewModel app = plain(application(SignedApplications.HOLDER, allPassed()));
        Map<String, Badge> badges = app.badges().stream().collect(Collectors.toMap(Badge::id, badge -> badge));
        assertEquals(List.of("signature", "chain", "revocation", "card_data", "gaiji"),
                app.badges().stream().map(Badge::id).toList());
        assertEquals(new Badge("signature", Level.PASSED, "署名", "確認済み", "signature and content digest match"),
                badges.get("signature"));
        assertEquals("CRL 2026-11-20 09:00 時点", badges.get("revocation").detail(), "in the console's time zone");
        assertEquals("券面事項（テキストAP）の一致", badges.get("card_data").title());
        assertEquals(Level.PASSED, badges.get("gaiji").level());
        assertEquals("外字はありません", badges.get("gaiji").verdict());
    }

    @Test
    void aTamperedSignatureIsAFailedBadgeSayingWhatFailed() {
        ApplicationViewModel app = plain(application(SignedApplications.HOLDER, List.of(
                new Check("signature", CheckStatus.FAILED, "the signature does not verify with the signer's key"),
                new Check("revocation", CheckStatus.INDETERMINATE, "no CRL held for the issuing root"),
                new Check("future_check", CheckStatus.PASSED, null))));
        Badge signature = app.badges().get(0);
        assertEquals(Level.FAILED, signature.level());
        assertEquals("不合格", signature.verdict());
        assertEquals("the signature does not verify with the signer's key", signature.detail());
        Badge revocation = app.badges().get(1);
        assertEquals(Level.INDETERMINATE, revocation.level());
        assertEquals("no CRL held for the issuing root", revocation.detail(), "not checked: the reason, no date");
        assertEquals("future_check", app.badges().get(2).title(), "an unknown check is shown by its name");
        assertTrue(app.anyFailed());
    }

    @Test
    void substitutedCharactersAreFlaggedWithTheirFieldAndPosition() {
        CardData gaiji = new CardData("髙橋　𠮷子", "東京都葛飾区柴又１－２－３", LocalDate.of(1950, 1, 2), "2",
                List.of(0, 3), List.of());
        ApplicationViewModel app = plain(application(gaiji, allPassed()));
        assertTrue(app.needsClerkCheck());
        Badge badge = app.badges().get(app.badges().size() - 1);
        assertEquals(Level.ATTENTION, badge.level());
        assertTrue(badge.detail().contains("1 文字目 「髙」"), badge.detail());
        assertTrue(badge.detail().contains("4 文字目 「𠮷」"), "a character beyond the BMP counts once: " + badge.detail());
        FieldRow name = app.fields().stream().filter(row -> row.value().equals("髙橋　𠮷子")).findFirst().orElseThrow();
        assertTrue(name.needsClerkCheck());
        assertEquals("外字: 髙(1) 𠮷(4)", name.clerkCheck());
    }

    @Test
    void contentThatCannotBeReadIsSaidAndTheBadgesStillShow() {
        ClerkApplication broken = new ClerkApplication("R-1", "juminhyo",
                Base64.getEncoder().encodeToString("{\"schema\":\"other\"}".getBytes()), "AA==",
                ApplicationStatus.VERIFICATION_FAILED, allPassed(), Instant.parse("2026-11-24T01:30:00Z"));
        ApplicationViewModel app = plain(broken);
        assertTrue(app.problem().startsWith("申請内容を読み取れません: "), app.problem());
        assertTrue(app.fields().isEmpty());
        assertEquals(4, app.badges().size(), "the four checks; no 外字 badge without readable content");
        ClerkApplication notBase64 = new ClerkApplication("R-2", "juminhyo", "***", "AA==",
                ApplicationStatus.VERIFICATION_FAILED, List.of(), Instant.parse("2026-11-24T01:30:00Z"));
        assertTrue(plain(notBase64).problem().contains("base64"));
        assertEquals("ApplicationViewModel[R-1, juminhyo]", app.toString(), "no content in logs");
    }
}
