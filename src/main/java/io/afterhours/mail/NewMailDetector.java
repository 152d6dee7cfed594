package io.afterhours.mail;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.iap.ResponseHandler;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;

/**
 * Reads the untagged responses of an IDLE connection as they arrive: an EXISTS above the known
 * message count is new mail (RFC 3501 §7.3.1; EXPUNGE lowers the count, §7.4.1), a BYE is the end
 * of the connection.
 *
 * <p>A response handler rather than Jakarta Mail listeners: those are called from an event thread
 * of each folder's own, or, with the "application" event scope, from one shared queue that leaks a
 * thread whenever one folder closes while another reports an event.
 */
final class NewMailDetector implements ResponseHandler {
  private final Runnable onNewMail;
  private final Runnable onBye;
  private int count;

  /**
   * @param count the folder's message count when it was opened
   * @param onNewMail runs, on the thread that read the response, when the count grows; it must only
   *     hand over
   * @param onBye runs, the same way, when the server says BYE or the connection fails
   */
  NewMailDetector(int count, Runnable onNewMail, Runnable onBye) {
    this.count = count;
    this.onNewMail = onNewMail;
    this.onBye = onBye;
  }

  @Override
  public void handleResponse(Response response) {
    if (response.isBYE()) {
      onBye.run();
      return;
    }
    if (!(response instanceof IMAPResponse imap) || !response.isUnTagged()) {
      return;
    }
    boolean grew = false;
    synchronized (this) {
      if (imap.keyEquals("EXPUNGE")) {
        count = Math.max(0, count - 1);
      } else if (imap.keyEquals("EXISTS")) {
        grew = imap.getNumber() > count;
        count = imap.getNumber();
      }
    }
    if (grew) {
      onNewMail.run();
    }
  }
}
