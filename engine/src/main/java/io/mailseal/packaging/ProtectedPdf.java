package io.mailseal.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes text as a PDF that opens only with a password: PDF 2.0 standard security handler revision 6, AES-256
 * (PDFBox's {@link StandardProtectionPolicy} with key length 256). The user password is the recipient's; the owner
 * password is random and never kept, so nobody can lift the protection without the user password.
 *
 * <p>Text is set in Helvetica (the standard 14 fonts need no embedding); a character the font cannot encode is
 * written as {@code ?}. Long lines wrap at the page width; pages follow as needed. No document information
 * (title, author) is written.
 *
 * <p>Thread-safe if the random generator is.
 */
public final class ProtectedPdf {

    private static final float MARGIN = 50;
    private static final float FONT_SIZE = 10;
    private static final float LEADING = 13;

    private final RandomGenerator random;

    /**
     * Creates the writer.
     *
     * @param random for the owner password (a {@link java.security.SecureRandom} in production)
     */
    public ProtectedPdf(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Writes the PDF.
     *
     * @param lines    the text, one entry per line (wrapped if too long)
     * @param password the password that opens it; not empty
     * @return the PDF's bytes
     * @throws UncheckedIOException if PDFBox fails (it writes to memory only)
     */
    public byte[] write(List<String> lines, char[] password) {
        Objects.requireNonNull(lines, "lines");
        if (password.length == 0) {
            throw new IllegalArgumentException("a protected PDF needs a password");
        }
        byte[] owner = new byte[32];
        random.nextBytes(owner);
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            List<String> wrapped = new ArrayList<>();
            for (String line : lines) {
                wrap(encodable(font, line), font, width, wrapped);
            }
            int perPage = (int) ((PDRectangle.A4.getHeight() - 2 * MARGIN) / LEADING);
            int index = 0;
            do {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, FONT_SIZE);
                    content.setLeading(LEADING);
                    content.newLineAtOffset(MARGIN, PDRectangle.A4.getHeight() - MARGIN);
                    for (int n = 0; n < perPage && index < wrapped.size(); n++, index++) {
                        content.showText(wrapped.get(index));
                        content.newLine();
                    }
                    content.endText();
                }
            } while (index < wrapped.size());
            StandardProtectionPolicy protection = new StandardProtectionPolicy(HexFormat.of().formatHex(owner),
                    new String(password), new AccessPermission());
            protection.setEncryptionKeyLength(256);
            document.protect(protection);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the protected PDF could not be written", e);
        }
    }

    private static String encodable(PDType1Font font, String line) {
        StringBuilder out = new StringBuilder(line.length());
        line.replace('\t', ' ').codePoints().forEach(c -> {
            String one = new String(Character.toChars(c));
            try {
                font.encode(one);
                out.append(one);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static void wrap(String line, PDType1Font font, float width, List<String> out) throws IOException {
        String rest = line;
        while (font.getStringWidth(rest) / 1000 * FONT_SIZE > width) {
            int cut = rest.length() - 1;
            while (cut > 1 && font.getStringWidth(rest.substring(0, cut)) / 1000 * FONT_SIZE > width) {
                cut = cut * 9 / 10;
            }
            while (cut + 1 < rest.length() && font.getStringWidth(rest.substring(0, cut + 1)) / 1000 * FONT_SIZE
                    <= width) {
                cut++;
            }
            int space = rest.lastIndexOf(' ', cut);
            int at = space > cut / 2 ? space : cut;
            out.add(rest.substring(0, at));
            rest = rest.substring(at).stripLeading();
        }
        out.add(rest);
    }
}
