package jp.madoguchi.forms.render;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.madoguchi.forms.model.Booth;
import jp.madoguchi.forms.model.FieldSource;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FilledApplication.ClerkCheck;
import jp.madoguchi.forms.model.FilledApplication.FilledField;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Format;
import jp.madoguchi.forms.model.LocalizedText;
import jp.madoguchi.forms.model.Section;
import jp.madoguchi.forms.model.Section.Cell;
import jp.madoguchi.forms.model.Section.Row;

/**
 * A 住民票の写し交付申請書 laid out as a municipality prints it, filled as the fill step would fill it
 * (values already formatted), for rendering tests. Fictional resident.
 */
final class SampleApplications {
    static final String PAPER_TITLE = "住民票の写し等交付申請書";
    static final String REFERENCE = "MDG-251123-0042";
    static final String NAME = "渡邉　花子";
    static final String LONG_ADDRESS = "東京都見本市北区緑ヶ丘三丁目12番地の4　見本ハイツ・グリーンヒルズ南棟1205号室（管理事務所気付）";
    static final String BIRTH_DATE = "昭和33年4月1日";
    static final String APPLICATION_DATE_WAREKI = "令和7年11月23日";
    static final LocalDate APPLICATION_DATE = LocalDate.of(2025, 11, 23);
    static final Booth BOOTH = new Booth("見本市", "見本市役所 北部出張所", "booth-017");

    private SampleApplications() {
    }

    static FormDefinition juminhyoForm() {
        List<Section> sections = List.of(
                new Section("請求者（窓口に来た方）", List.of(
                        row(cell("applicant.address", "住所", card(FieldSource.CardField.ADDRESS), Format.PLAIN, 12)),
                        row(cell("applicant.name", "氏名", card(FieldSource.CardField.NAME), Format.PLAIN, 6),
                                cell("applicant.sex", "性別", card(FieldSource.CardField.SEX), Format.SEX, 2),
                                cell("applicant.birthDate", "生年月日", card(FieldSource.CardField.BIRTH_DATE), Format.WAREKI, 4)))),
                new Section("必要な住民票", List.of(
                        row(cell("request.whose", "どなたの住民票ですか", answer("whose"), Format.ANSWER, 5),
                                cell("request.copies", "通数", answer("copies"), Format.ANSWER, 2),
                                cell("request.household", "世帯の範囲", answer("household"), Format.ANSWER, 5)),
                        row(cell("request.honseki", "本籍・筆頭者", answer("honseki"), Format.ANSWER, 4),
                                cell("request.relationship", "続柄", answer("relationship"), Format.ANSWER, 4),
                                cell("request.individualNumber", "個人番号", answer("individualNumber"), Format.ANSWER, 4)))),
                new Section("使いみち", List.of(
                        row(cell("request.purpose", "使用目的・提出先", answer("purpose"), Format.ANSWER, 12)))),
                new Section("申請日・手数料", List.of(
                        row(cell("application.date", "申請日", new FieldSource.Computed(FieldSource.ComputedField.TODAY), Format.WAREKI, 6),
                                cell("application.fee", "手数料", new FieldSource.Computed(FieldSource.ComputedField.FEE_TOTAL), Format.YEN, 6)))));
        return new FormDefinition("juminhyo", 1, LocalizedText.same("住民票の写し"), PAPER_TITLE,
                LocalizedText.same("市民課"), "citizens", 300, FormDefinition.IdentityCheck.JPKI_SIGNATURE,
                FormDefinition.IndividualNumberPolicy.OPTIONAL, List.of(), sections, "test:SampleApplications");
    }

    /** Filled with a long address, two copies and one substituted character in the name (邉, position 1). */
    static FilledApplication withClerkCheck() {
        return filled(juminhyoForm(), LONG_ADDRESS, List.of(new ClerkCheck("applicant.name", List.of(1))));
    }

    static FilledApplication withoutClerkCheck() {
        return filled(juminhyoForm(), "東京都見本市北区緑ヶ丘三丁目12番地の4", List.of());
    }

    static FilledApplication filled(FormDefinition form, String address, List<ClerkCheck> checks) {
        Map<String, String> values = Map.ofEntries(
                Map.entry("applicant.address", address),
                Map.entry("applicant.name", NAME),
                Map.entry("applicant.sex", "女"),
                Map.entry("applicant.birthDate", BIRTH_DATE),
                Map.entry("request.whose", "本人"),
                Map.entry("request.copies", "2"),
                Map.entry("request.household", "世帯全員"),
                Map.entry("request.honseki", "記載しない"),
                Map.entry("request.relationship", "記載する"),
                Map.entry("request.individualNumber", "記載しない"),
                Map.entry("request.purpose", "勤務先への提出（扶養手当の申請）"),
                Map.entry("application.date", APPLICATION_DATE_WAREKI),
                Map.entry("application.fee", "600円"));
        List<FilledField> fields = new ArrayList<>();
        for (Section section : form.sections()) {
            for (Row row : section.rows()) {
                for (Cell cell : row.cells()) {
                    fields.add(new FilledField(cell.id(), section.title(), cell.label(), values.getOrDefault(cell.id(), "")));
                }
            }
        }
        FillContext context = new FillContext(APPLICATION_DATE, REFERENCE, BOOTH);
        return new FilledApplication(form, context, Map.of("whose", "self", "copies", "2"), fields, 2, 600, checks);
    }

    private static Row row(Cell... cells) {
        return new Row(List.of(cells));
    }

    private static Cell cell(String id, String label, FieldSource source, Format format, int span) {
        return new Cell(id, label, source, format, span);
    }

    private static FieldSource card(FieldSource.CardField field) {
        return new FieldSource.Card(field);
    }

    private static FieldSource answer(String questionId) {
        return new FieldSource.Answer(questionId);
    }
}
