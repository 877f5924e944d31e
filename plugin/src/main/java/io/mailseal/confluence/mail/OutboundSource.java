package io.mailseal.confluence.mail;

import io.mailseal.outbound.OutboundProcessor;
import io.mailseal.settings.Checked;

/**
 * The outbound processor for the current settings (port): rebuilt by the implementation when the admin changes the
 * settings, so the mail path always encrypts under the policy that was saved last.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface OutboundSource {

    /**
     * The processor to use now.
     *
     * @return the processor, or the problems of the stored settings (then mail is held back with 451, never sent
     *         in clear)
     */
    Checked<OutboundProcessor> current();
}
