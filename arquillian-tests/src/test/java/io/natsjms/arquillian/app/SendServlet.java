package io.natsjms.arquillian.app;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST send} with the form parameters {@code channel}, {@code text} and {@code outcome}
 * ({@code commit} or {@code rollback}): calls {@link OutboundSender} and answers with the outcome.
 */
@WebServlet("/send")
public class SendServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private OutboundSender sender;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String channel = request.getParameter("channel");
        String text = request.getParameter("text");
        String outcome = request.getParameter("outcome");
        if (channel == null || text == null || !("commit".equals(outcome) || "rollback".equals(outcome))) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "channel, text, outcome: " + channel + ", "
                    + text + ", " + outcome + " (expected: a channel, a text and commit or rollback)");
            return;
        }
        sender.send(channel, text, "rollback".equals(outcome));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(outcome);
    }
}
