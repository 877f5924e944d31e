package io.mailseal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportFieldTest {

    @Test
    void splitsAtSemicolonsAndKeepsTheColumnWhereEachFieldsTextStarts() {
        List<ImportField> fields = ImportField.split("smime-state:a@example.com; name: John Doe ;keystate:1");

        assertThat(fields).extracting(ImportField::text)
                .containsExactly("smime-state:a@example.com", "name: John Doe", "keystate:1");
        assertThat(fields).extracting(ImportField::column).containsExactly(1, 28, 44);
        assertThat(fields.get(1).name()).isEqualTo("name");
        assertThat(fields.get(1).value()).isEqualTo("John Doe");
        assertThat(fields.get(1).valueColumn()).isEqualTo(34);
    }

    @Test
    void dropsTrailingEmptyFieldsButKeepsEmptyOnesInTheMiddle() {
        assertThat(ImportField.split("a;b;;")).extracting(ImportField::text).containsExactly("a", "b");
        assertThat(ImportField.split("a;;b")).extracting(ImportField::text).containsExactly("a", "", "b");
        assertThat(ImportField.split("")).extracting(ImportField::text).containsExactly("");
    }

    @Test
    void splitsNameAndValueAtTheFirstColonOnly() {
        ImportField field = ImportField.split("option:RCR: 123").get(0);

        assertThat(field.hasColon()).isTrue();
        assertThat(field.name()).isEqualTo("option");
        assertThat(field.value()).isEqualTo("RCR: 123");
        assertThat(field.valueColumn()).isEqualTo(8);
    }

    @Test
    void aBareWordHasNoValueAndItsValueColumnIsItsEnd() {
        ImportField field = ImportField.split("x; smimeimport").get(1);

        assertThat(field.hasColon()).isFalse();
        assertThat(field.name()).isEqualTo("smimeimport");
        assertThat(field.value()).isEmpty();
        assertThat(field.valueColumn()).isEqualTo(15);
    }

    @Test
    void toStringNeverShowsTheText() {
        assertThat(ImportField.split("passphrase:hunter2").get(0).toString()).doesNotContain("hunter2");
    }
}
