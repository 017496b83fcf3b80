package io.natsjms.arquillian.app;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET records?key=K}: the {@link Recorder}'s lines of key K, one per line of a text/plain body. */
@WebServlet("/records")
public class RecordsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private Recorder recorder;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String key = request.getParameter("key");
        if (key == null || key.isBlank()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "key: missing (expected: a record key)");
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        for (String line : recorder.lines(key)) {
            response.getWriter().println(line);
        }
    }
}
