package jp.madoguchi.forms.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One procedure as data: what the resident is asked, and how the filled paper form looks.
 *
 * @param id stable identifier, also the file name ({@code juminhyo} for {@code juminhyo.yaml})
 * @param version raised whenever the meaning of a field changes; part of the signed JSON
 * @param title the procedure's name in every booth language (menu, headings)
 * @param paperTitle the title printed on the form, in Japanese as on the municipality's paper form
 * @param department the department that handles it, in every booth language
 * @param routing the key headquarters routes calls and applications by (e.g. {@code citizens})
 * @param feePerCopy yen per copy; 0 for notifications that cost nothing
 * @param identityCheck what identity check the procedure needs
 * @param individualNumber whether the individual number may be asked for at all
 * @param questions the questions instead of writing, in the order they are asked
 * @param sections the paper form's boxes, top to bottom
 * @param origin where the definition came from (for error messages)
 */
public record FormDefinition(
        String id,
        int version,
        LocalizedText title,
        String paperTitle,
        LocalizedText department,
        String routing,
        int feePerCopy,
        IdentityCheck identityCheck,
        IndividualNumberPolicy individualNumber,
        List<Question> questions,
        List<Section> sections,
        String origin) {

    public FormDefinition {
        Objects.requireNonNull(id, "id");
        questions = List.copyOf(questions);
        sections = List.copyOf(sections);
    }

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /** What identity check a procedure needs. */
    public enum IdentityCheck {
        /** The JPKI signature over the application is enough (e.g. 住民票の写し for oneself). */
        JPKI_SIGNATURE,
        /** The signature and a clerk seeing the resident on video (e.g. notifications that change the register). */
        JPKI_SIGNATURE_AND_CLERK_VIDEO
    }

    /** Whether the procedure may ask for the individual number (番号法: most must not). */
    public enum IndividualNumberPolicy {
        /** Never read, shown or stored for this procedure. */
        FORBIDDEN,
        /** The resident may choose to have it printed (e.g. 住民票 with 個人番号). */
        OPTIONAL,
        /** The procedure needs it by law (e.g. 児童手当). */
        REQUIRED
    }
}
