package jp.madoguchi.forms.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small definition files for tests, written in flow style so that each fixture's lines are easy to count. */
final class Fixtures {
    private Fixtures() {
    }

    /** A text in all seven languages, on one line. */
    static final String ALL = "{ja: 見本, ja-easy: みほん, en: Sample, zh: 样本, ko: 견본, vi: Mẫu, pt: Amostra}";

    /**
     * A valid definition with two questions; lines 1–10 are the header, questions start on line 11
     * (purpose) and 17 (copies), sections on line 19.
     */
    static String valid(String id) {
        return """
                id: %s
                version: 1
                title: %s
                paperTitle: 見本申請書
                department: %s
                routing: citizens
                feePerCopy: 300
                identityCheck: jpki-signature
                individualNumber: forbidden
                questions:
                  - id: purpose
                    type: choice
                    prompt: %s
                    choices:
                      - {value: work, paperText: 勤務先に提出, label: %s}
                      - {value: other, paperText: その他, label: %s}
                  - {id: copies, type: number, min: 1, max: 10, default: 1, prompt: %s}
                sections:
                  - title: 申請者
                    rows:
                      - cells:
                          - {id: applicant.name, label: 氏名, source: card.name, span: 8}
                          - {id: request.copies, label: 通数, source: answer.copies, span: 4}
                """.formatted(id, ALL, ALL, ALL, ALL, ALL, ALL);
    }

    static Path write(Path dir, String fileName, String text) {
        try {
            return Files.writeString(dir.resolve(fileName), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
