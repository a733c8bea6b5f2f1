package jp.madoguchi.forms.render;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** A 請求書 is dated 請求日 and a 届 届出日, as on the paper forms; everything else 申請日. */
class PaperWordingTest {
    @Test
    void theTitleSaysWhatTheResidentDoes() {
        assertEquals("請求", PaperFormPage.act("戸籍証明書等交付請求書"));
        assertEquals("請求", PaperFormPage.act("児童手当認定請求書"));
        assertEquals("届出", PaperFormPage.act("住民異動届（転居届）"));
        assertEquals("申請", PaperFormPage.act("住民票の写し等交付申請書"));
        assertEquals("申請", PaperFormPage.act("印鑑登録証明書交付申請書"));
        assertEquals("申請", PaperFormPage.act(""));
    }
}
