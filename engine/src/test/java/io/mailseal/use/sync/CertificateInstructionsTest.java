package io.mailseal.use.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.ca.Holder;
import io.mailseal.ca.KeySpec;
import io.mailseal.imports.ImportProblem;
import io.mailseal.keys.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateInstructionsTest {

    private static final Period YEAR = Period.ofYears(1);

    private static SyncAction.IssueCertificate issue(int line, String address, Holder holder,
                                                     SyncAction.CertificateReason reason) {
        return new SyncAction.IssueCertificate(line, EmailAddress.parse(address), holder, KeySpec.RSA_3072, YEAR,
                reason);
    }

    @Test
    void rowsAreWrittenWithAHeaderAndReadBackAsTheSameCertificates() {
        List<SyncAction.IssueCertificate> rows = List.of(
                issue(1, "john.doe@company.com", new Holder.Person("John", "Doe"), SyncAction.CertificateReason.NEW),
                issue(2, "support@company.com", new Holder.Team("Support, 2nd \"level\""),
                        SyncAction.CertificateReason.RENEWAL));

        byte[] csv = CertificateInstructions.write(rows);

        assertThat(new String(csv, StandardCharsets.UTF_8)).isEqualTo(
                "address,name,given name,surname,team,key type,key length,validity,reason\r\n"
                        + "john.doe@company.com,John Doe,John,Doe,no,RSA,3072,P1Y,new\r\n"
                        + "support@company.com,\"Support, 2nd \"\"level\"\"\",,,yes,RSA,3072,P1Y,renewal\r\n");
        CertificateInstructions.Read read = CertificateInstructions.read("i.csv", csv, YEAR);
        assertThat(read).isInstanceOfSatisfying(CertificateInstructions.Read.Rows.class, ok -> assertThat(ok.rows())
                .usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(List.of(
                        issue(2, "john.doe@company.com", new Holder.Person("John", "Doe"),
                                SyncAction.CertificateReason.NEW),
                        issue(3, "support@company.com", new Holder.Team("Support, 2nd \"level\""),
                                SyncAction.CertificateReason.RENEWAL))));
    }

    @Test
    void cellsASpreadsheetWouldTakeForFormulasGetAQuoteThatReadingRemoves() {
        assertThat(CertificateInstructions.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CertificateInstructions.cell("+1")).isEqualTo("'+1");
        assertThat(CertificateInstructions.cell("-2")).isEqualTo("'-2");
        assertThat(CertificateInstructions.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CertificateInstructions.cell("Jean-Luc")).isEqualTo("Jean-Luc");

        byte[] csv = CertificateInstructions.write(List.of(issue(1, "x@company.com", new Holder.Person("=cmd",
                "-Doe"), SyncAction.CertificateReason.NEW)));

        assertThat(new String(csv, StandardCharsets.UTF_8)).contains(",'=cmd,'-Doe,");
        assertThat(((CertificateInstructions.Read.Rows) CertificateInstructions.read("i.csv", csv, YEAR)).rows()
                .get(0).holder()).isEqualTo(new Holder.Person("=cmd", "-Doe"));
    }

    @Test
    void everyBadRowIsAProblemWithItsLineAndFieldAndNoRowIsGiven() {
        String csv = """
                address,name,given name,surname,team,key type,key length,validity,reason
                john.doe@company.com,John Doe,John,Doe,no,RSA,3072,P1Y,new
                not-an-address,X Y,X,Y,maybe,DSA,1024,P2Y,later
                support@company.com,,,,yes,RSA,3072,P1Y,new
                john.doe@company.com,John Doe,John,Doe,no,EC,256,P1Y,renewal
                short,row
                """;

        CertificateInstructions.Read read = CertificateInstructions.read("i.csv",
                csv.getBytes(StandardCharsets.UTF_8), YEAR);

        assertThat(read).isInstanceOf(CertificateInstructions.Read.Invalid.class);
        List<ImportProblem> problems = ((CertificateInstructions.Read.Invalid) read).problems();
        assertThat(problems).extracting(p -> p.file() + ":" + p.line() + ":" + p.column().orElse(0) + " " + p.kind())
                .containsExactly(
                        "i.csv:3:1 BAD_ADDRESS", "i.csv:3:5 BAD_VALUE", "i.csv:3:6 BAD_KEY_LENGTH",
                        "i.csv:3:8 BAD_VALIDITY", "i.csv:3:9 BAD_VALUE",
                        "i.csv:4:2 MISSING_FIELD",
                        "i.csv:5:1 DUPLICATE",
                        "i.csv:6:0 SYNTAX");
        assertThat(problems.get(3).message()).isEqualTo("the CA issues certificates valid P1Y, not P2Y");
    }

    @Test
    void aFileWithoutTheHeaderIsRefused() {
        CertificateInstructions.Read read = CertificateInstructions.read("i.csv",
                "john.doe@company.com,John Doe,John,Doe,no,RSA,3072,P1Y,new\r\n".getBytes(StandardCharsets.UTF_8),
                YEAR);

        assertThat(((CertificateInstructions.Read.Invalid) read).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("the first row must be the header"));
    }
}
