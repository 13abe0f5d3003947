package io.labbench.app.lab;

import io.labbench.app.shell.TerminalDirectory;
import io.labbench.app.shell.WatchDirectory;
import io.labbench.labmodel.engine.CommandPort;
import io.labbench.labmodel.engine.StepStatus;
import io.labbench.labmodel.model.Action;
import io.labbench.labmodel.model.Capture;
import io.labbench.labmodel.model.Lab;
import io.labbench.labmodel.model.Language;
import io.labbench.labmodel.model.Section;
import io.labbench.labmodel.model.Step;
import io.labbench.labmodel.model.Text;
import io.labbench.sessions.transcript.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import javafx.stage.DirectoryChooser;
import javax.imageio.ImageIO;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The lab wizard pane: the lab's sections and steps with their status on the left, the selected step
 * (text, commands with Run and Copy, captures, checks, hints) in the middle, the variables on the right.
 * Builds controls and binds to {@link LabPaneViewModel}; all logic is there.
 */
public final class LabPaneView extends BorderPane {
    private final LabPaneViewModel model;
    private final TreeView<Object> tree = new TreeView<>();
    private final VBox content = new VBox();
    private final ScrollPane contentScroll = new ScrollPane(content);
    private final TableView<VariableRow> variablesTable = new TableView<>();
    private final SplitPane split = new SplitPane();
    private Orientation arranged;
    private final javafx.scene.layout.FlowPane toolbarControls = new javafx.scene.layout.FlowPane();

    /** For the workbench: wires a new view-model on the given terminals, watches, command port and the workspace's masker. */
    public LabPaneView(Lab lab, TerminalDirectory terminals, WatchDirectory watches, CommandPort port, Path workspaceDir,
                       SecretMasker workspaceMasker) {
        this(new LabPaneViewModel(lab, terminals, watches, port, workspaceDir, workspaceMasker));
    }

    /** For demos and tests without a session hub: the view-model gets a masker of its own. */
    public LabPaneView(Lab lab, TerminalDirectory terminals, WatchDirectory watches, CommandPort port, Path workspaceDir) {
        this(new LabPaneViewModel(lab, terminals, watches, port, workspaceDir));
    }

    public LabPaneView(LabPaneViewModel model) {
        this.model = model;
        setId("lab-pane");
        getStyleClass().add("lab-pane");
        getStylesheets().add(LabPaneStyles.URL);
        setTop(toolbar());
        setBottom(footer());
        split.getItems().addAll(buildTree(), buildContent(), buildVariables());
        setCenter(split);
        setMinWidth(0);
        // In the workbench's side slot the pane is narrow: stack steps, text and variables vertically.
        widthProperty().addListener((obs, old, now) -> arrange(now.doubleValue()));
        arrange(getPrefWidth() > 0 ? getPrefWidth() : 1200);
        model.selectedProperty().addListener((obs, old, now) -> {
            renderStep();
            selectInTree(now);
        });
        model.languageProperty().addListener((obs, old, now) -> {
            renderStep();
            tree.refresh();
            variablesTable.refresh();
        });
        model.variablesRevisionProperty().addListener((obs, old, now) -> renderStep());
        model.hintsShownProperty().addListener((obs, old, now) -> renderStep());
        model.backendProperty().addListener((obs, old, now) -> renderStep());
        renderStep();
        selectInTree(model.selected());
    }

    public LabPaneViewModel model() {
        return model;
    }

    /**
     * Adds the window's buttons for the guide: give it about half the window ({@code widen}) and show it
     * in a window of its own ({@code detach}); each button undoes itself on a second click.
     */
    public void addWindowActions(Runnable widen, Runnable detach) {
        Button wide = button("lab-widen", Feather.MAXIMIZE_2, ui("넓게", "Widen"));
        wide.setOnAction(e -> widen.run());
        wide.setTooltip(new Tooltip(text(ui("안내를 창의 절반으로 넓히기 / 되돌리기", "Give the guide half the window / give it back"))));
        Button own = button("lab-detach", Feather.EXTERNAL_LINK, ui("분리", "Detach"));
        own.setOnAction(e -> detach.run());
        own.setTooltip(new Tooltip(text(ui("안내를 별도 창으로 / 되돌리기", "Show the guide in its own window / put it back"))));
        toolbarControls.getChildren().addAll(wide, own);
    }

    /** Wide: steps | text | variables side by side. Narrow (under 900 px): the three stacked. */
    private void arrange(double width) {
        Orientation wanted = width > 0 && width < 900 ? Orientation.VERTICAL : Orientation.HORIZONTAL;
        if (wanted == arranged) {
            return;
        }
        arranged = wanted;
        split.setOrientation(wanted);
        if (wanted == Orientation.HORIZONTAL) {
            split.setDividerPositions(0.24, 0.76);
        } else {
            // Stacked in the side column: the step text gets most, the step tree enough rows to see
            // where the learner is, the variables a few rows.
            split.setDividerPositions(0.3, 0.78);
        }
    }

    // ---- top and bottom bars

    private Node toolbar() {
        Label title = new Label();
        title.getStyleClass().add("lab-title");
        title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.lab().title().in(model.languageProperty().get()), model.languageProperty()));
        ToggleGroup languages = new ToggleGroup();
        ToggleButton ko = new ToggleButton("한국어");
        ko.setId("lang-ko");
        ToggleButton en = new ToggleButton("English");
        en.setId("lang-en");
        ko.setToggleGroup(languages);
        en.setToggleGroup(languages);
        (model.languageProperty().get() == Language.KO ? ko : en).setSelected(true);
        model.languageProperty().addListener((obs, old, now) -> (now == Language.KO ? ko : en).setSelected(true));
        languages.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                model.languageProperty().set(now == ko ? Language.KO : Language.EN);
            }
        });
        Button reset = button("reset-section", Feather.ROTATE_CCW, ui("섹션 초기화", "Reset section"));
        reset.setOnAction(e -> model.resetSection());
        Button export = button("export-notebook", Feather.DOWNLOAD, ui("노트북 내보내기", "Export lab notebook"));
        export.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(text(ui("노트북을 저장할 폴더", "Folder for the lab notebook")));
            java.io.File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) {
                model.exportNotebook(dir.toPath());
            }
        });
        title.setWrapText(true);
        title.setMinWidth(0);
        javafx.scene.layout.FlowPane controls = toolbarControls;
        controls.getChildren().addAll(ko, en, reset, export);
        controls.setHgap(6);
        controls.setVgap(6);
        controls.setMinWidth(0);
        // Wraps under the title when the pane is narrow (the workbench's side slot).
        controls.prefWrapLengthProperty().bind(widthProperty().subtract(24));
        VBox bar = new VBox(4, title, controls);
        bar.getStyleClass().add("lab-toolbar");
        bar.setPadding(new Insets(6, 10, 6, 10));
        return bar;
    }

    private Node footer() {
        Button previous = button("prev-button", Feather.CHEVRON_LEFT, ui("이전", "Previous"));
        previous.setOnAction(e -> model.previous());
        previous.disableProperty().bind(model.hasPreviousProperty().not());
        Button next = button("next-button", Feather.CHEVRON_RIGHT, ui("다음", "Next"));
        next.setOnAction(e -> model.next());
        next.disableProperty().bind(model.hasNextProperty().not());
        Button done = button("done-button", Feather.CHECK, ui("완료", "Mark done"));
        done.setOnAction(e -> model.markDone());
        Button skip = button("skip-button", Feather.SKIP_FORWARD, ui("건너뛰기", "Skip"));
        skip.setOnAction(e -> model.skip());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.busyProperty());
        Label message = new Label();
        message.setId("lab-message");
        message.textProperty().bind(model.messageProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setWrapText(true);
        message.setMinWidth(0);
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(6, 6, previous, next, done, skip, busy);
        buttons.setMinWidth(0);
        buttons.prefWrapLengthProperty().bind(widthProperty().subtract(24));
        VBox bar = new VBox(4, buttons, message);
        bar.getStyleClass().add("lab-footer");
        bar.setPadding(new Insets(6, 10, 6, 10));
        return bar;
    }

    // ---- left: sections and steps

    private Node buildTree() {
        fillTree(model.outlineProperty().get());
        model.outlineProperty().addListener((obs, old, now) -> {
            fillTree(now);
            selectInTree(model.selected());
        });
        for (StepItem step : model.steps()) {
            step.statusProperty().addListener((obs, old, now) -> tree.refresh());
        }
        tree.setShowRoot(false);
        tree.setId("lab-steps");
        tree.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                Language lang = model.languageProperty().get();
                getStyleClass().remove("folded-steps");
                setId(null);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                } else if (item instanceof Section section) {
                    setText(sectionLabel(section, lang));
                    setGraphic(null);
                    setTooltip(null);
                    setStyle("-fx-font-weight: bold;");
                } else if (item instanceof StepItem step) {
                    setText(step.step().title().in(lang));
                    setGraphic(StatusIcons.forStep(step.status()));
                    setTooltip(null);
                    setStyle("");
                    setId("step-" + step.step().id());
                } else if (item instanceof StepOutline.Fold fold) {
                    setText(foldLine(fold, lang));
                    setGraphic(new FontIcon(Feather.CLOUD));
                    setTooltip(new Tooltip(foldWhy(fold, lang)));
                    setStyle("-fx-font-style: italic;");
                    getStyleClass().add("folded-steps");
                    setId("folded-" + fold.steps().get(0).step().id());
                }
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now.getValue() instanceof StepItem step) {
                model.select(step);
            }
        });
        tree.setMinSize(0, 0);
        return tree;
    }

    /** The one line that stands for folded steps: how many, and why the learner may pass them by. */
    static String foldLine(StepOutline.Fold fold, Language lang) {
        int n = fold.steps().size();
        boolean local = fold.backend() == io.labbench.cluster.Backend.LOCAL;
        if (lang == Language.KO) {
            return local ? "AWS 전용 단계 " + n + "개 — 로컬 실습에서는 건너뜁니다" : "로컬 실습 전용 단계 " + n + "개 — AWS에서는 건너뜁니다";
        }
        return local ? n + " AWS-only steps — the local lab skips them" : n + " local-lab steps — skipped on AWS";
    }

    /** The fold's tooltip: why the steps are folded and how to read them anyway. */
    static String foldWhy(StepOutline.Fold fold, Language lang) {
        boolean local = fold.backend() == io.labbench.cluster.Backend.LOCAL;
        if (lang == Language.KO) {
            return local ? "이 단계들은 AWS 계정이 있어야 실행됩니다. 로컬 실습은 그 결과(클러스터, 노드, 네트워크)를 이미 준비해 두었습니다."
                    + " 펼치면 설명을 읽을 수 있습니다." : "이 단계들은 로컬 실습에서만 실행됩니다. 펼치면 읽을 수 있습니다.";
        }
        return local ? "These steps need an AWS account. The local lab has already set up what they lead to (the cluster,"
                + " its nodes and network); unfold the line to read them." : "These steps run on the local lab only;"
                + " unfold the line to read them.";
    }

    private void fillTree(List<StepOutline> outline) {
        TreeItem<Object> root = new TreeItem<>("root");
        outline.forEach(node -> root.getChildren().add(treeItem(node)));
        tree.setRoot(root);
    }

    private static TreeItem<Object> treeItem(StepOutline node) {
        if (node instanceof StepOutline.StepNode step) {
            return new TreeItem<>(step.item());
        }
        TreeItem<Object> item;
        List<StepOutline> children;
        if (node instanceof StepOutline.SectionNode section) {
            item = new TreeItem<>(section.section());
            children = section.children();
            item.setExpanded(true);
        } else {
            StepOutline.Fold fold = (StepOutline.Fold) node;
            item = new TreeItem<>(fold);
            children = fold.children();
            item.setExpanded(false);
        }
        children.forEach(child -> item.getChildren().add(treeItem(child)));
        return item;
    }

    private void selectInTree(StepItem item) {
        if (item == null || tree.getRoot() == null) {
            return;
        }
        findInTree(tree.getRoot(), item).ifPresent(found -> {
            if (tree.getSelectionModel().getSelectedItem() != found) {
                // A folded step the learner reached (Previous, a restart on it) unfolds its line.
                for (TreeItem<Object> up = found.getParent(); up != null; up = up.getParent()) {
                    up.setExpanded(true);
                }
                tree.getSelectionModel().select(found);
                int row = tree.getRow(found);
                if (row >= 0) {
                    tree.scrollTo(Math.max(0, row - 3));
                }
            }
        });
    }

    private static Optional<TreeItem<Object>> findInTree(TreeItem<Object> at, StepItem item) {
        if (at.getValue() == item) {
            return Optional.of(at);
        }
        for (TreeItem<Object> child : at.getChildren()) {
            Optional<TreeItem<Object>> found = findInTree(child, item);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    // ---- middle: the selected step

    private Node buildContent() {
        content.getStyleClass().add("step-content");
        content.setId("step-content");
        contentScroll.setFitToWidth(true);
        contentScroll.setMinSize(0, 0);
        return contentScroll;
    }

    private void renderStep() {
        content.getChildren().clear();
        StepItem item = model.selected();
        if (item == null) {
            content.getChildren().add(new Label(text(ui("이 실습에는 단계가 없습니다", "This lab has no steps"))));
            return;
        }
        Language lang = model.languageProperty().get();
        Step step = item.step();
        Label section = new Label(sectionLabel(item.section(), lang));
        section.getStyleClass().add("step-section");
        Label title = new Label(step.title().in(lang));
        title.getStyleClass().add("step-title");
        title.setWrapText(true);
        title.setId("step-title");
        content.getChildren().addAll(section, title);
        if (!model.selectedRunsHere()) {
            VBox notice = new VBox(4, new Label(text(ui("이 단계는 AWS에서만 실행됩니다", "This step runs on AWS only"))));
            step.notOnLocal().ifPresent(t -> notice.getChildren().add(MarkdownView.flow(t.in(lang))));
            notice.getStyleClass().add("aws-only");
            content.getChildren().add(notice);
        }
        if (step.homework().isPresent()) {
            Label homework = new Label(text(ui("과제 ", "Homework ")) + step.homework().getAsInt());
            homework.setGraphic(new FontIcon(Feather.BOOKMARK));
            content.getChildren().add(homework);
        }
        content.getChildren().addAll(MarkdownView.render(step.body().in(lang)));
        if (!step.actions().isEmpty()) {
            content.getChildren().add(heading(ui("실행", "Do")));
            for (int i = 0; i < step.actions().size(); i++) {
                content.getChildren().add(actionNode(step.actions().get(i), i, lang));
            }
        }
        if (!step.captures().isEmpty()) {
            content.getChildren().add(heading(ui("값 가져오기", "Capture values")));
            for (Capture capture : step.captures()) {
                Label line = new Label("$" + capture.variable() + "  ←  [" + capture.from().on() + "] "
                        + model.displayedCommand(capture.from().command()));
                line.setWrapText(true);
                content.getChildren().add(line);
            }
            Button capture = button("capture-button", Feather.DOWNLOAD_CLOUD, ui("값 가져오기", "Capture"));
            capture.setOnAction(e -> model.runCaptures());
            content.getChildren().add(capture);
        }
        if (!model.checks().isEmpty()) {
            content.getChildren().add(heading(ui("확인", "Check")));
            for (CheckRow row : model.checks()) {
                content.getChildren().add(checkNode(row, lang));
            }
            if (model.checks().size() > 1) {
                Button all = button("run-all-checks", Feather.CHECK_SQUARE, ui("모두 확인", "Run all checks"));
                all.setOnAction(e -> model.runAllChecks());
                content.getChildren().add(all);
            }
        }
        if (!step.hints().isEmpty()) {
            int shown = model.hintsShownProperty().get();
            for (int i = 0; i < shown; i++) {
                TextFlow hint = MarkdownView.flow(step.hints().get(i).in(lang));
                hint.getStyleClass().add("hint");
                content.getChildren().add(hint);
            }
            if (shown < step.hints().size()) {
                Button hint = button("hint-button", Feather.HELP_CIRCLE, ui("힌트 보기", "Show a hint"));
                hint.setOnAction(e -> model.showNextHint());
                content.getChildren().add(hint);
            }
        }
        if (step.homework().isPresent()) {
            Button evidence = button("evidence-button", Feather.CAMERA, ui("증거 수집", "Collect evidence"));
            evidence.setOnAction(e -> model.collectEvidence(snapshotPng()));
            content.getChildren().add(evidence);
        }
        contentScroll.setVvalue(0);
    }

    private Node actionNode(Action action, int index, Language lang) {
        if (action instanceof Action.Note note) {
            return MarkdownView.flow(note.text().in(lang));
        }
        VBox box = new VBox(4);
        HBox row = new HBox();
        row.getStyleClass().add("action-row");
        if (action instanceof Action.Run run) {
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            row.getChildren().addAll(chip(run.on().name()), spacer, runButton(index), copyButton(index));
            CommandView command = new CommandView(model.displayedCommand(run.command()));
            command.setId("command-" + index);
            box.getChildren().addAll(row, command);
            run.why().ifPresent(w -> {
                Label why = new Label(w.in(lang));
                why.getStyleClass().add("why");
                why.setWrapText(true);
                box.getChildren().add(why);
            });
            List<String> missing = model.missingVariables(run.command());
            if (!missing.isEmpty()) {
                Label warn = new Label(text(ui("값이 필요합니다: ", "Needs a value: ")) + String.join(", ",
                        missing.stream().map(n -> "$" + n).toList()));
                warn.getStyleClass().add("missing-vars");
                box.getChildren().add(warn);
            }
        } else if (action instanceof Action.Watch watch) {
            Label label = new Label(text(ui("감시 열기: ", "Open watch: ")) + watch.watchId());
            Button open = button("run-action-" + index, Feather.EYE, ui("열기", "Open"));
            open.setDisable(!model.selectedRunsHere());
            open.setOnAction(e -> model.runAction(index));
            row.getChildren().addAll(chip(watch.on().name()), label, open);
            box.getChildren().add(row);
        } else if (action instanceof Action.Apply apply) {
            Label label = new Label("kubectl apply -f " + apply.manifest());
            label.setGraphic(new FontIcon(Feather.FILE_TEXT));
            row.getChildren().addAll(chip(apply.on().name()), label, runButton(index), copyButton(index));
            box.getChildren().add(row);
        } else if (action instanceof Action.Operation op) {
            Label label = new Label(op.name() + (op.with().isEmpty() ? "" : "  (" + op.with().entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + ": " + model.displayedCommand(e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", ")) + ")"));
            label.setWrapText(true);
            label.setGraphic(new FontIcon(Feather.CLOUD));
            Button run = button("run-action-" + index, Feather.PLAY, ui("실행", "Run"));
            run.setOnAction(e -> model.runAction(index));
            run.setDisable(!model.selectedRunsHere());
            row.getChildren().addAll(label, run);
            box.getChildren().add(row);
        }
        return box;
    }

    private Button runButton(int index) {
        Button run = button("run-action-" + index, Feather.PLAY, ui("실행", "Run"));
        run.setDisable(!model.selectedRunsHere());
        run.setOnAction(e -> model.runAction(index));
        run.setTooltip(new Tooltip(text(ui("터미널에 입력하고 그 창으로 이동", "Type it into its terminal and focus that pane"))));
        return run;
    }

    private Button copyButton(int index) {
        Button copy = button("copy-action-" + index, Feather.COPY, ui("복사", "Copy"));
        copy.setOnAction(e -> model.copyText(index).ifPresent(textToCopy -> {
            ClipboardContent clip = new ClipboardContent();
            clip.putString(textToCopy);
            Clipboard.getSystemClipboard().setContent(clip);
        }));
        return copy;
    }

    private Node checkNode(CheckRow row, Language lang) {
        Label name = new Label(row.check().name().in(lang));
        name.setGraphic(StatusIcons.forCheck(row.stateProperty().get()));
        row.stateProperty().addListener((obs, old, now) -> name.setGraphic(StatusIcons.forCheck(now)));
        Button run = button("run-check-" + row.index(), Feather.PLAY_CIRCLE, ui("확인 실행", "Run check"));
        run.setOnAction(e -> model.runCheck(row.index()));
        run.disableProperty().bind(row.stateProperty().isEqualTo(CheckRow.State.RUNNING));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox line = new HBox(8, name, spacer, run);
        line.getStyleClass().add("action-row");
        Label why = new Label();
        why.setId("check-why-" + row.index());
        why.setWrapText(true);
        why.textProperty().bind(row.whyProperty());
        Runnable style = () -> {
            why.getStyleClass().removeAll("check-why-passed", "check-why-failed");
            if (row.stateProperty().get() == CheckRow.State.PASSED) {
                why.getStyleClass().add("check-why-passed");
            } else if (row.stateProperty().get() == CheckRow.State.FAILED) {
                why.getStyleClass().add("check-why-failed");
            }
        };
        style.run();
        row.stateProperty().addListener((Observable o) -> style.run());
        return new VBox(2, line, why);
    }

    // ---- right: variables

    private Node buildVariables() {
        variablesTable.setId("variables-table");
        variablesTable.setEditable(true);
        variablesTable.setMinSize(0, 0);
        variablesTable.setItems(model.variables());
        TableColumn<VariableRow, String> name = new TableColumn<>("$");
        name.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().name()));
        name.setEditable(false);
        name.setPrefWidth(140);
        TableColumn<VariableRow, String> value = new TableColumn<>();
        value.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> text(ui("값", "Value")), model.languageProperty()));
        value.setCellValueFactory(c -> c.getValue().valueProperty());
        value.setCellFactory(column -> new TextFieldTableCell<>(new javafx.util.converter.DefaultStringConverter()) {
            @Override
            public void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                VariableRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row != null && !isEditing()) {
                    boolean hidden = row.secret() && item != null && !item.isEmpty();
                    setText(hidden ? "••••••" : item);
                    setTooltip(new Tooltip(row.description().in(model.languageProperty().get())));
                }
            }
        });
        value.setPrefWidth(150);
        variablesTable.getColumns().add(name);
        variablesTable.getColumns().add(value);
        variablesTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label heading = new Label();
        heading.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> text(ui("변수 (더블클릭하여 편집)", "Variables (double-click to edit)")), model.languageProperty()));
        heading.getStyleClass().add("part-heading");
        VBox box = new VBox(4, heading, variablesTable);
        box.setPadding(new Insets(4, 6, 6, 6));
        VBox.setVgrow(variablesTable, Priority.ALWAYS);
        box.setMinSize(0, 0);
        box.setPrefWidth(330);
        return box;
    }

    // ---- helpers

    /** A PNG of the whole window (terminals included), for homework evidence. */
    Optional<byte[]> snapshotPng() {
        if (getScene() == null) {
            return Optional.empty();
        }
        WritableImage image = getScene().getRoot().snapshot(null, null);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out);
            return Optional.of(out.toByteArray());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "2.2  Node network", without repeating the number when the title already starts with it. */
    static String sectionLabel(Section section, Language lang) {
        String title = section.title().in(lang);
        return title.startsWith(section.id()) ? title : section.id() + "  " + title;
    }

    private static Label chip(String target) {
        Label chip = new Label(target);
        chip.getStyleClass().add("target-chip");
        chip.setMinWidth(Region.USE_PREF_SIZE);
        return chip;
    }

    private Label heading(Text text) {
        Label label = new Label(text(text));
        label.getStyleClass().add("part-heading");
        return label;
    }

    private Button button(String id, Feather icon, Text label) {
        Button button = new Button(text(label), new FontIcon(icon));
        button.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> label.in(model.languageProperty().get()), model.languageProperty()));
        button.setId(id);
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    private String text(Text text) {
        return text.in(model.languageProperty().get());
    }

    private static Text ui(String ko, String en) {
        return new Text(ko, en);
    }
}
