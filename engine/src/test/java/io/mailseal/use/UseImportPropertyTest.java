package io.mailseal.use;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.imports.ImportProblem;
import io.mailseal.imports.SecretDisplay;
import io.mailseal.keys.EmailAddress;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the {@code .useimport} parser over random files from fixed seeds (a failure names its seed, so it
 * can be replayed).
 */
class UseImportPropertyTest {

    private static final int SEEDS = 300;

    private final UseImportParser parser = UseImportParser.create();

    private UseImportResult parse(byte[] bytes) {
        return parser.parse("random.useimport", new ByteArrayInputStream(bytes));
    }

    private UseImportResult parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRenderedValidFileReadsBackAsTheSameLinesAndOptions() {
        for (long seed = 0; seed < SEEDS; seed++) {
            List<UseLine> lines = new RandomUseFiles(new Random(seed)).lines(new Random(seed).nextInt(60));
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(line.render(SecretDisplay.REVEAL)).append('\n'));
            text.append("#####\n");

            UseImportResult result = parse(text.toString());

            assertThat(result.problems()).as("seed %d:%n%s", seed, text).isEmpty();
            UseImportResult.Valid valid = (UseImportResult.Valid) result;
            assertThat(valid.lines()).as("seed %d", seed).isEqualTo(lines);
            assertThat(valid.options()).as("seed %d", seed).isEqualTo(lastOptions(lines));
        }
    }

    @Test
    void randomValidFilesWrittenAnyTolerableWayAlwaysValidate() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            RandomUseFiles generator = new RandomUseFiles(random);
            List<UseLine> lines = generator.lines(random.nextInt(60));
            String newline = random.nextBoolean() ? "\r\n" : "\n";
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
            List<UseLine> expected = new ArrayList<>();
            int number = 0;
            for (UseLine line : lines) {
                while (random.nextInt(5) == 0) {
                    text.append(generator.blanks()).append(newline);
                    number++;
                }
                text.append(generator.messy(line)).append(newline);
                expected.add(RandomUseFiles.at(line, ++number));
            }
            text.append(generator.blanks()).append("#####").append(generator.blanks())
                    .append(random.nextBoolean() ? newline + newline : "");

            UseImportResult result = parse(text.toString());

            assertThat(result.problems()).as("seed %d:%n%s", seed, text).isEmpty();
            assertThat(((UseImportResult.Valid) result).lines()).as("seed %d:%n%s", seed, text).isEqualTo(expected);
        }
    }

    @Test
    void oneBadLineAnywhereIsExactlyOneProblemOnThatLine() {
        List<String> bad = List.of(
                "frobnicate:x",
                "pgp-state:bad@bad.example;keystate:1;name:X;keylength:1000",
                "pgp-state:bad@bad.example;keystate:1;name:X;keylength:1024",
                "pgp-state:bad@bad.example;keystate:1;name:X;validity:0y",
                "smime-state:bad@bad.example;name:X",
                "smime-state:bad@bad.example;keystate:0;colour:blue",
                "group:not a domain;sales",
                "option:x;addmailfoo");
        List<ImportProblem.Kind> kinds = List.of(ImportProblem.Kind.UNKNOWN_IDENTIFIER,
                ImportProblem.Kind.BAD_KEY_LENGTH, ImportProblem.Kind.WEAK_KEY, ImportProblem.Kind.BAD_VALIDITY,
                ImportProblem.Kind.MISSING_FIELD, ImportProblem.Kind.UNKNOWN_SUB_IDENTIFIER,
                ImportProblem.Kind.BAD_ADDRESS, ImportProblem.Kind.OPTION_NOT_ALLOWED);
        for (long seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            List<UseLine> lines = new RandomUseFiles(random).lines(random.nextInt(40));
            int at = random.nextInt(lines.size() + 1);
            int which = random.nextInt(bad.size());
            StringBuilder text = new StringBuilder();
            for (int i = 0; i <= lines.size(); i++) {
                if (i == at) {
                    text.append(bad.get(which)).append('\n');
                }
                if (i < lines.size()) {
                    text.append(lines.get(i).render(SecretDisplay.REVEAL)).append('\n');
                }
            }
            text.append("#####\n");

            UseImportResult result = parse(text.toString());

            assertThat(result).as("seed %d", seed).isInstanceOf(UseImportResult.Invalid.class);
            assertThat(result.problems()).as("seed %d:%n%s", seed, text).singleElement().satisfies(problem -> {
                assertThat(problem.line()).isEqualTo(at + 1);
                assertThat(problem.kind()).isEqualTo(kinds.get(which));
            });
        }
    }

    @Test
    void aFileCutAnywhereBeforeItsTerminationLineIsIncompleteNeverValid() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            List<UseLine> lines = new RandomUseFiles(random).lines(1 + random.nextInt(40));
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(line.render(SecretDisplay.REVEAL)).append("\r\n"));
            byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
            byte[] cut = java.util.Arrays.copyOf(content, random.nextInt(content.length + 1));

            UseImportResult result = parse(cut);

            assertThat(result).as("seed %d, %d of %d bytes", seed, cut.length, content.length)
                    .isInstanceOf(UseImportResult.Incomplete.class);
        }
    }

    private static RunOptions lastOptions(List<UseLine> lines) {
        Map<OptionKind, String> last = new EnumMap<>(OptionKind.class);
        for (UseLine line : lines) {
            if (line instanceof UseLine.Option option) {
                last.put(option.kind(), option.value());
            }
        }
        return new RunOptions(Optional.ofNullable(last.get(OptionKind.ACTION_ID)),
                Optional.ofNullable(last.get(OptionKind.ADD_MAIL_REPORT)).map(EmailAddress::parse),
                Optional.ofNullable(last.get(OptionKind.ADD_MAIL_ADMIN)).map(EmailAddress::parse),
                Optional.ofNullable(last.get(OptionKind.ADD_MAIL_BCC)).map(EmailAddress::parse));
    }
}
