package se.ixbi.processes.tasklist;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters everybody shares, each card showing the case and its use case. Applied at every start: a
 * filter made by an earlier version gets today's card variables; one a person changed keeps its query.
 */
@Component
class SharedFilters {

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;

    SharedFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(20)
    void apply() {
        ensure("My group tasks", -10, "Tasks offered to your groups",
                () -> tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks());
        ensure("My tasks", -5, "Tasks assigned to you",
                () -> tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
        ensure("All open tasks", 0, "Every task you may see", () -> tasks.createTaskQuery());
    }

    private void ensure(String name, int priority, String description, Supplier<TaskQuery> query) {
        Map<String, Object> properties = Map.of(
                "priority", priority,
                "description", description,
                "refresh", true,
                "variables", TaskCardsPlugin.CARD_VARIABLES.stream()
                        .map(v -> Map.of("name", v[0], "label", v[1])).toList());
        List<Filter> existing = filters.createTaskFilterQuery().filterName(name).list();
        if (!existing.isEmpty()) {
            for (Filter filter : existing) {
                filters.saveFilter(filter.setProperties(properties));
            }
            return;
        }
        Filter filter = filters.newTaskFilter(name).setOwner(null).setQuery(query.get()).setProperties(properties);
        filters.saveFilter(filter);
        // a global authorization: every user, present and future, may use the shared filters
        Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
        read.setUserId(Authorization.ANY);
        read.setResource(Resources.FILTER);
        read.setResourceId(filter.getId());
        read.addPermission(Permissions.READ);
        authorizations.saveAuthorization(read);
    }
}
