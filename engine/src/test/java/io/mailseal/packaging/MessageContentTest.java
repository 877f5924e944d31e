package io.mailseal.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageContentTest {

    private static MessageContent read(String headers, String html) {
        return MessageContent.read((headers + "Subject: Page edited\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
                + html).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theLinkIsTheFirstHrefIntoConfluenceContentNotAnEarlierSettingsOrMailtoLink() {
        MessageContent content = read("", "<a href=\"mailto:x@example.com\">x</a>"
                + "<a href='https://wiki.example.com/users/viewnotifications.action'>stop</a>"
                + "<a href=\"https://wiki.example.com/spaces/ENG/pages/42/Roadmap?src=mail&amp;x=1\">Roadmap</a>"
                + "<a href=\"https://wiki.example.com/display/ENG/Other\">other</a>");

        assertThat(content.link()).contains("https://wiki.example.com/spaces/ENG/pages/42/Roadmap?src=mail&x=1");
    }

    @Test
    void theLinkHeaderWinsAndOnlyHttpCounts() {
        assertThat(read("X-Mailseal-Content-Link: https://wiki.example.com/x/AbC\r\n",
                "<a href=\"https://wiki.example.com/pages/viewpage.action?pageId=1\">p</a>").link())
                .contains("https://wiki.example.com/x/AbC");
        assertThat(read("X-Mailseal-Content-Link: javascript:alert(1)\r\n", "<a href=\"javascript:/pages/\">p</a>")
                .link()).isEmpty();
    }

    @Test
    void htmlBecomesTextWithLineBreaksAndEntitiesDecoded() {
        assertThat(MessageContent.htmlToText("<style>p{}</style><h1>Title</h1><p>a &amp; b&nbsp;&#8212; c<br>d</p>"
                + "<ul><li>one</li><li>two</li></ul>")).isEqualTo("Title\na & b \u2014 c\nd\n- one\n- two\n");
    }
}
