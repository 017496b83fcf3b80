package io.natsjms.arquillian.app;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET xa?source=S}: the committed rows of {@link XaLedger} written by S, one id per line.
 * {@code POST xa} with {@code channel}, {@code id} and {@code outcome}: calls {@link XaSender} and answers
 * {@code returned} or {@code threw} (whether the transaction committed is for the test to find out).
 */
@WebServlet("/xa")
public class XaServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private XaLedger ledger;
    @EJB
    private XaSender sender;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        for (String id : ledger.rows(request.getParameter("source"))) {
            response.getWriter().println(id);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String answer;
        try {
            sender.writeAndSend(request.getParameter("channel"), request.getParameter("id"), request.getParameter("outcome"));
            answer = "returned";
        } catch (EJBException e) {
            answer = "threw";
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(answer);
    }
}
