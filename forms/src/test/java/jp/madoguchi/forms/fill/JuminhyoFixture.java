package jp.madoguchi.forms.fill;

import java.time.LocalDate;
import java.util.List;
import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FieldSource;
import jp.madoguchi.forms.model.FieldSource.BoothField;
import jp.madoguchi.forms.model.FieldSource.CardField;
import jp.madoguchi.forms.model.FieldSource.ComputedField;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Format;
import jp.madoguchi.forms.model.LocalizedText;
import jp.madoguchi.forms.model.Question;
import jp.madoguchi.forms.model.Question.Choice;
import jp.madoguchi.forms.model.Section;
import jp.madoguchi.forms.model.Section.Cell;
import jp.madoguchi.forms.model.Section.Row;

/**
 * A 住民票の写し-like form built in code, so the filler's tests do not depend on the catalogue's
 * files: purpose (no default), copies 1–10 (default 1), whose record (default self) and a relation
 * question asked only for a household record, with card, booth, computed and fixed-text cells.
 */
final class JuminhyoFixture {

    static final int FEE_PER_COPY = 300;

    static final Question PURPOSE = new Question("purpose", text("使いみちは？"), Question.Type.CHOICE,
            List.of(choice("work", "勤務先へ提出"), choice("procedure", "各種手続き"), choice("other", "その他")),
            null, null, null, null);
    static final Question COPIES = new Question("copies", text("何通？"), Question.Type.NUMBER, List.of(), "1",
            null, 1, 10);
    static final Question WHOSE = new Question("whose", text("だれの住民票？"), Question.Type.CHOICE,
            List.of(choice("self", "本人のみ"), choice("household", "世帯全員")), "self", null, null, null);
    static final Question RELATION = new Question("relation", text("続柄を載せますか？"), Question.Type.CHOICE,
            List.of(choice("include", "続柄を記載する"), choice("omit", "続柄を省略する")), null,
            new Question.Condition("whose", List.of("household")), null, null);

    static final FormDefinition FORM = new FormDefinition("juminhyo", 3, text("住民票の写し"), "住民票の写し等交付請求書",
            text("市民課"), "citizens", FEE_PER_COPY, FormDefinition.IdentityCheck.JPKI_SIGNATURE,
            FormDefinition.IndividualNumberPolicy.FORBIDDEN, List.of(PURPOSE, COPIES, WHOSE, RELATION),
            List.of(
                    new Section("請求者（窓口に来た方）", List.of(
                            new Row(List.of(cell("applicant.name", "氏名", card(CardField.NAME), Format.PLAIN),
                                    cell("applicant.birthDate", "生年月日", card(CardField.BIRTH_DATE), Format.WAREKI),
                                    cell("applicant.sex", "性別", card(CardField.SEX), Format.SEX))),
                            new Row(List.of(cell("applicant.address", "住所", card(CardField.ADDRESS),
                                    Format.FULLWIDTH))))),
                    new Section("請求内容", List.of(
                            new Row(List.of(cell("request.whose", "必要な方", answer("whose"), Format.ANSWER),
                                    cell("request.relation", "続柄", answer("relation"), Format.ANSWER))),
                            new Row(List.of(cell("request.copies", "通数", answer("copies"), Format.ANSWER),
                                    cell("request.purpose", "使用目的", answer("purpose"), Format.ANSWER))))),
                    new Section("窓口記入欄", List.of(
                            new Row(List.of(cell("office.date", "請求日", computed(ComputedField.TODAY), Format.WAREKI),
                                    cell("office.dateGregorian", "請求日（西暦）", computed(ComputedField.TODAY),
                                            Format.GREGORIAN),
                                    cell("office.fee", "手数料", computed(ComputedField.FEE_TOTAL), Format.YEN))),
                            new Row(List.of(
                                    cell("office.municipality", "自治体", booth(BoothField.MUNICIPALITY), Format.PLAIN),
                                    cell("office.location", "受付場所", booth(BoothField.LOCATION), Format.PLAIN),
                                    cell("office.booth", "端末", booth(BoothField.ID), Format.PLAIN),
                                    cell("office.reference", "受付番号", computed(ComputedField.REFERENCE), Format.PLAIN),
                                    cell("office.note", "備考", new FieldSource.Text("書かない窓口"), Format.PLAIN)))))),
            "test:JuminhyoFixture");

    static final FillContext CONTEXT = new FillContext(LocalDate.of(2025, 11, 23), "MDG-2025-000123",
            new Booth("見本市", "見本市役所 北部出張所", "booth-017"));

    /** A resident whose card substituted the 𠮷 of the name (position 3) and the 﨑 of the address (position 6). */
    static final CardData CARD_WITH_GAIJI = new CardData("見本\u3000𠮷子", "東京都見本市﨑町1-2-3",
            LocalDate.of(1989, 1, 7), "2", List.of(3), List.of(6));

    static final CardData PLAIN_CARD = new CardData("見本\u3000花子", "東京都見本市本町1-2-3",
            LocalDate.of(1989, 1, 8), "2");

    private JuminhyoFixture() {
    }

    static LocalizedText text(String japanese) {
        return LocalizedText.same(japanese);
    }

    private static Choice choice(String value, String paperText) {
        return new Choice(value, text(paperText), paperText);
    }

    private static Cell cell(String id, String label, FieldSource source, Format format) {
        return new Cell(id, label, source, format, 4);
    }

    private static FieldSource card(CardField field) {
        return new FieldSource.Card(field);
    }

    private static FieldSource answer(String questionId) {
        return new FieldSource.Answer(questionId);
    }

    private static FieldSource booth(BoothField field) {
        return new FieldSource.Booth(field);
    }

    private static FieldSource computed(ComputedField field) {
        return new FieldSource.Computed(field);
    }
}
