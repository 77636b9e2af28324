package se.ixbi.processes.console;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import se.ixbi.processes.errors.IxbiException;

/** A console page that cannot be shown says why, as a page, with the status the API would give. */
@ControllerAdvice(annotations = ConsolePage.class)
class ConsoleErrors {

    @ExceptionHandler(IxbiException.class)
    String refused(IxbiException e, HttpServletResponse response, Model model) {
        response.setStatus(e.code().status().value());
        model.addAttribute("problem", e.getMessage());
        // exception handlers get no model attributes of their own: the layout still needs the viewer
        model.addAttribute("viewer", Viewer.of(SecurityContextHolder.getContext().getAuthentication()));
        return "console/problem";
    }
}
