package io.labbench.app.lab;

import io.labbench.cluster.Backend;
import io.labbench.labmodel.model.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * The step tree as the learner sees it on one backend: sections with their steps, where two or more
 * steps in a row that do not run on this backend fold into one line (at the top level, holding their
 * sections, when the run crosses sections; inside the section otherwise), so on the local lab the
 * AWS-only notes do not stand between the learner and the first step that runs. Built from whatever the lab model marks,
 * so a step that becomes runnable on the local lab simply stops being folded.
 */
public sealed interface StepOutline permits StepOutline.SectionNode, StepOutline.StepNode, StepOutline.Fold {

    /** A section and what it shows inside. */
    record SectionNode(Section section, List<StepOutline> children) implements StepOutline {
    }

    /** One step. */
    record StepNode(StepItem item) implements StepOutline {
    }

    /** Steps that do not run on {@code backend}, folded into one line; {@code children} shows them when unfolded. */
    record Fold(Backend backend, List<StepItem> steps, List<StepOutline> children) implements StepOutline {
    }

    /** The outline of {@code steps} (in lab order) on {@code backend}. */
    static List<StepOutline> of(List<StepItem> steps, Backend backend) {
        List<StepOutline> top = new ArrayList<>();
        Section open = null;
        List<StepOutline> children = new ArrayList<>();
        int i = 0;
        while (i < steps.size()) {
            int end = i;
            while (end < steps.size() && !steps.get(end).step().appliesTo(backend)) {
                end++;
            }
            List<StepItem> run = steps.subList(i, end);
            if (run.size() >= 2) {
                boolean acrossSections = run.stream().map(StepItem::section).distinct().count() > 1;
                if (acrossSections) {
                    // One line at the top for the whole run, its sections (or their parts) inside.
                    close(open, children, top);
                    open = null;
                    children = new ArrayList<>();
                    top.add(new Fold(backend, List.copyOf(run), bySection(run)));
                } else {
                    if (open != run.get(0).section()) {
                        close(open, children, top);
                        open = run.get(0).section();
                        children = new ArrayList<>();
                    }
                    children.add(new Fold(backend, List.copyOf(run), run.stream().<StepOutline>map(StepNode::new).toList()));
                }
                i = end;
                continue;
            }
            StepItem step = steps.get(i);
            if (open != step.section()) {
                close(open, children, top);
                open = step.section();
                children = new ArrayList<>();
            }
            children.add(new StepNode(step));
            i++;
        }
        close(open, children, top);
        return List.copyOf(top);
    }

    private static void close(Section section, List<StepOutline> children, List<StepOutline> top) {
        if (section != null && !children.isEmpty()) {
            top.add(new SectionNode(section, List.copyOf(children)));
        }
    }

    private static List<StepOutline> bySection(List<StepItem> run) {
        List<StepOutline> sections = new ArrayList<>();
        Section open = null;
        List<StepOutline> children = new ArrayList<>();
        for (StepItem step : run) {
            if (open != step.section()) {
                close(open, children, sections);
                open = step.section();
                children = new ArrayList<>();
            }
            children.add(new StepNode(step));
        }
        close(open, children, sections);
        return sections;
    }
}
