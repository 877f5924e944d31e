package io.mailseal.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.mailseal.imports.ImportProblem.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ImportScannerTest {

    private final List<String> lines = new ArrayList<>();
    private final ImportProblems problems = new ImportProblems("f.useimport", 1000);

    private ImportScanner.Summary scanBytes(byte[] bytes, ImportLimits limits) {
        return ImportScanner.scan(new ByteArrayInputStream(bytes), limits, problems,
                (number, text) -> lines.add(number + "|" + text));
    }

    private ImportScanner.Summary scanBytes(String text) {
        return scanBytes(text.getBytes(StandardCharsets.UTF_8), ImportLimits.DEFAULTS);
    }

    private ImportScanner.Summary scanChars(String text) {
        return ImportScanner.scan(new StringReader(text), ImportLimits.DEFAULTS, problems,
                (number, line) -> lines.add(number + "|" + line));
    }

    @Test
    void skipsTheByteOrderMarkCrlfAndBlankLinesAndCountsEveryLine() {
        ImportScanner.Summary summary = scanBytes("\uFEFFa:1\r\n\r\n   \r\nb:2\n\t\n#####\r\n\r\n");

        assertThat(lines).containsExactly("1|a:1", "4|b:2");
        assertThat(summary).isEqualTo(new ImportScanner.Summary(7, true, false));
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void readsCharactersTheSameWay() {
        ImportScanner.Summary summary = scanChars("\uFEFFa:1\r\n\r\nb:2\n#####");

        assertThat(lines).containsExactly("1|a:1", "3|b:2");
        assertThat(summary.terminated()).isTrue();
    }

    @Test
    void aFileWithoutTerminationLineIsNotTerminated() {
        assertThat(scanBytes("a:1\n##### \n").terminated()).isTrue();
        lines.clear();
        ImportScanner.Summary summary = scanBytes("a:1\nb:2");

        assertThat(summary).isEqualTo(new ImportScanner.Summary(2, false, false));
        assertThat(lines).containsExactly("1|a:1", "2|b:2");
        assertThat(scanBytes("").lines()).isZero();
        assertThat(scanBytes("###").terminated()).isFalse();
    }

    @Test
    void contentAfterTheTerminationLineIsAProblemAndStopsReading() {
        ImportScanner.Summary summary = scanBytes("a:1\n#####\n\nb:2\nc:3\n");

        assertThat(summary).isEqualTo(new ImportScanner.Summary(4, true, true));
        assertThat(lines).containsExactly("1|a:1");
        assertThat(problems.kept()).containsExactly(new ImportProblem("f.useimport", 4, OptionalInt.empty(),
                Kind.AFTER_TERMINATION, "only blank lines may follow the termination line ##### (line 2); the rest of"
                + " the file was not read"));
    }

    @Test
    void aLineLongerThanTheLimitIsAProblemAndTheNextLineIsReadAgain() {
        ImportLimits limits = new ImportLimits(100, 1000, 10);
        String longLine = "x".repeat(100_000);
        scanBytes(("a:1\n" + longLine + "\n" + "y".repeat(101) + "\nb:2\n" + "z".repeat(100) + "\n#####")
                .getBytes(StandardCharsets.UTF_8), limits);

        assertThat(lines).containsExactly("1|a:1", "4|b:2", "5|" + "z".repeat(100));
        assertThat(problems.kept()).extracting(ImportProblem::line, ImportProblem::kind, ImportProblem::message)
                .containsExactly(
                        tuple(2, Kind.LINE_TOO_LONG,
                                "line longer than 100 characters: not read"),
                        tuple(3, Kind.LINE_TOO_LONG,
                                "line longer than 100 characters: not read"));
    }

    @Test
    void aLongLineFromAReaderIsSkippedToo() {
        ImportScanner.scan(new StringReader("x".repeat(50_000) + "\r\nb:2\n"), new ImportLimits(100, 10, 10),
                problems, (number, text) -> lines.add(number + "|" + text));

        assertThat(lines).containsExactly("2|b:2");
        assertThat(problems.kept()).extracting(ImportProblem::kind).containsExactly(Kind.LINE_TOO_LONG);
    }

    @Test
    void multiByteCharactersCountAsOneColumnAndALineOfExactlyTheLimitIsRead() {
        ImportLimits limits = new ImportLimits(100, 1000, 10);
        String hundredUmlauts = "ä".repeat(100);
        scanBytes((hundredUmlauts + "\n").getBytes(StandardCharsets.UTF_8), limits);

        assertThat(lines).containsExactly("1|" + hundredUmlauts);
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void bytesThatAreNotUtf8AreAProblemWithTheColumn() {
        byte[] latin1 = "a:1\nname:Jörg\nb:2\n".getBytes(StandardCharsets.ISO_8859_1);

        scanBytes(latin1, ImportLimits.DEFAULTS);

        assertThat(lines).containsExactly("1|a:1", "3|b:2");
        assertThat(problems.kept()).containsExactly(new ImportProblem("f.useimport", 2, OptionalInt.of(7),
                Kind.NOT_UTF8, "not valid UTF-8 (the file must be saved as UTF-8)"));
    }

    @Test
    void controlCharactersAreAProblemWithTheirColumn() {
        scanBytes("a:1\u0000x\nb\u000bc\nlone\rcr\n");

        assertThat(lines).isEmpty();
        assertThat(problems.kept()).extracting(ImportProblem::line, p -> p.column().getAsInt(), ImportProblem::message)
                .containsExactly(
                        tuple(1, 4, "control character U+0000 is not allowed"),
                        tuple(2, 2, "control character U+000B is not allowed"),
                        tuple(3, 5, "control character U+000D is not allowed"));
    }

    @Test
    void stopsAfterTheMostLines() {
        ImportScanner.Summary summary = scanBytes("a\nb\nc\nd\n".getBytes(StandardCharsets.UTF_8),
                new ImportLimits(100, 3, 10));

        assertThat(summary).isEqualTo(new ImportScanner.Summary(4, false, true));
        assertThat(lines).hasSize(3);
        assertThat(problems.kept()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.kind()).isEqualTo(Kind.TOO_MANY_LINES);
        });
    }

    @Test
    void keepsTheFirstProblemsAndCountsTheRest() {
        ImportProblems few = new ImportProblems("f", 2);
        for (int line = 1; line <= 5; line++) {
            few.add(line, 0, Kind.SYNTAX, "bad");
        }

        assertThat(few.count()).isEqualTo(5);
        assertThat(few.kept()).extracting(ImportProblem::line).containsExactly(1, 2);
    }

    @Test
    void aReadFailureIsAnExceptionNamingTheFileAndLine() {
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served < 4) {
                    return "a:1\n".charAt(served++);
                }
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> ImportScanner.scan(failing, ImportLimits.DEFAULTS, problems, (n, t) -> { }))
                .isInstanceOf(ImportReadException.class)
                .hasMessage("[READ_FAILED] reading f.useimport failed after line 1: connection reset");
    }

    @Test
    void problemsPrintLikeCompilerMessages() {
        assertThat(new ImportProblem("a.useimport", 3, OptionalInt.of(5), Kind.BAD_ADDRESS, "bad address"))
                .hasToString("a.useimport:3: bad address");
    }
}
