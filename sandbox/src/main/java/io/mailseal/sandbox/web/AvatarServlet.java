package io.mailseal.sandbox.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Profile pictures at {@code /avatar/<name>.png}: a person's outline on a circle coloured by the name (no fonts are
 * needed on the machine), drawn on request. Also
 * used as the inline image of notification mails.
 *
 * <p>Thread-safe: stateless.
 */
public final class AvatarServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || !path.endsWith(".png") || path.length() < 6) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("image/png");
        response.setHeader("Cache-Control", "max-age=3600");
        response.getOutputStream().write(png(path.substring(1, path.length() - 4)));
    }

    /**
     * Draws the avatar of a name.
     *
     * @param name the user name
     * @return a 48x48 PNG
     */
    public static byte[] png(String name) {
        BufferedImage image = new BufferedImage(48, 48, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float hue = (Math.abs(name.hashCode()) % 360) / 360f;
            g.setColor(Color.getHSBColor(hue, 0.55f, 0.75f));
            g.fillOval(0, 0, 48, 48);
            g.setColor(Color.WHITE);
            g.fillOval(16, 9, 16, 16);
            g.fillArc(8, 28, 32, 28, 0, 180);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
