// solver_dialog.cpp — the solver's controls, its table and the one-step insertion.
#include "solver_dialog.h"

#include "document.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>

namespace convlens {

namespace {

// The channel count and height of a layer's output, in the framework's layout; nullopt when not a feature map.
struct MapSize {
    std::int64_t h, c;
};
std::optional<MapSize> mapSize(const Document &doc, const QString &layer)
{
    const int i = doc.report().indexOf(layer.toStdString());
    if (i < 0)
        return std::nullopt;
    const LayerReport &l = doc.report().layers[size_t(i)];
    if (!l.ok() || !l.output || l.output->size() != 3)
        return std::nullopt;
    const Shape &s = *l.output;
    return doc.framework() == Framework::Keras ? MapSize{s[0], s[2]} : MapSize{s[1], s[0]};
}

} // namespace

SolverDialog::SolverDialog(Document *doc, QWidget *parent) : QDialog(parent), m_doc(doc)
{
    setObjectName(QStringLiteral("solverDialog"));
    setWindowTitle(tr("Shape solver"));
    auto *v = new QVBoxLayout(this);

    auto *sizes = new QHBoxLayout;
    const auto spin = [this](int min, int max, int value, const char *name) {
        auto *s = new QSpinBox(this);
        s->setRange(min, max);
        s->setValue(value);
        s->setObjectName(QString::fromLatin1(name));
        connect(s, &QSpinBox::valueChanged, this, &SolverDialog::solveNow);
        return s;
    };
    m_from = spin(1, 1 << 20, 28, "solverFrom");
    m_to = spin(1, 1 << 20, 14, "solverTo");
    sizes->addWidget(new QLabel(tr("From"), this));
    sizes->addWidget(m_from);
    sizes->addWidget(new QLabel(tr("to"), this));
    sizes->addWidget(m_to);
    sizes->addWidget(new QLabel(tr("(one spatial axis, square windows)"), this));
    sizes->addStretch(1);
    v->addLayout(sizes);

    auto *bounds = new QHBoxLayout;
    const teach::SolverBounds defaults;
    m_maxKernel = spin(1, teach::SolverBounds::kLimit, defaults.maxKernel, "solverMaxKernel");
    m_maxStride = spin(1, teach::SolverBounds::kLimit, defaults.maxStride, "solverMaxStride");
    m_maxDilation = spin(1, teach::SolverBounds::kLimit, defaults.maxDilation, "solverMaxDilation");
    m_maxPadding = spin(0, teach::SolverBounds::kLimit, defaults.maxPadding, "solverMaxPadding");
    for (auto [label, box] : {std::pair{tr("kernel ≤"), m_maxKernel}, std::pair{tr("stride ≤"), m_maxStride},
                              std::pair{tr("dilation ≤"), m_maxDilation}, std::pair{tr("padding ≤"), m_maxPadding}}) {
        bounds->addWidget(new QLabel(label, this));
        bounds->addWidget(box);
    }
    const auto check = [this](const QString &text, bool on) {
        auto *c = new QCheckBox(text, this);
        c->setChecked(on);
        connect(c, &QCheckBox::toggled, this, &SolverDialog::solveNow);
        return c;
    };
    m_conv = check(tr("convolution"), defaults.conv);
    m_maxPool = check(tr("max pooling"), defaults.maxPool);
    m_avgPool = check(tr("average pooling"), defaults.avgPool);
    m_transposed = check(tr("transposed convolution"), defaults.transposed);
    bounds->addSpacing(12);
    for (QCheckBox *c : {m_conv, m_maxPool, m_avgPool, m_transposed})
        bounds->addWidget(c);
    bounds->addStretch(1);
    v->addLayout(bounds);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("solverSummary"));
    v->addWidget(m_summary);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("solverTable"));
    m_table->setModel(&m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(true); // the notes are sentences
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    v->addWidget(m_table, 1);

    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("solverDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setMinimumHeight(m_detail->fontMetrics().height() * 3);
    v->addWidget(m_detail);

    auto *bottom = new QHBoxLayout;
    m_anchorLabel = new QLabel(this);
    bottom->addWidget(m_anchorLabel, 1);
    m_insert = new QPushButton(tr("&Insert"), this);
    m_insert->setObjectName(QStringLiteral("solverInsert"));
    m_insert->setEnabled(false);
    connect(m_insert, &QPushButton::clicked, this, [this] {
        const QModelIndex cur = m_table->currentIndex();
        if (cur.isValid())
            insertSolution(cur.row());
    });
    bottom->addWidget(m_insert);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    bottom->addWidget(close);
    v->addLayout(bottom);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SolverDialog::updateDetail);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &i) { insertSolution(i.row()); });
    connect(m_doc, &Document::reportChanged, this, [this] {
        if (m_model.framework() != m_doc->framework())
            solveNow();
        setAnchor(m_anchor);
    });
    resize(1200, 640);
    solveNow();
}

void SolverDialog::setAnchor(const QString &layer)
{
    m_anchor = m_doc->graph().find(layer.toStdString()) ? layer : QString();
    if (m_anchor.isEmpty() && !m_doc->graph().layers.empty())
        m_anchor = QString::fromStdString(m_doc->graph().layers.back().name);
    const auto size = mapSize(*m_doc, m_anchor);
    if (size && layer == m_anchor)
        m_from->setValue(int(size->h));
    const int i = m_doc->report().indexOf(m_anchor.toStdString());
    const LayerReport *l = i >= 0 ? &m_doc->report().layers[size_t(i)] : nullptr;
    m_anchorLabel->setText(l && l->output ? tr("Inserts below ‘%1’, whose output is %2.")
                                                .arg(m_anchor,
                                                     QString::fromStdString(shapeToString(*l->output, m_doc->framework())))
                                          : tr("Inserts below ‘%1’.").arg(m_anchor));
}

void SolverDialog::setSizes(int from, int to)
{
    m_from->setValue(from);
    m_to->setValue(to);
}

void SolverDialog::solveNow()
{
    teach::SolverBounds b;
    b.maxKernel = m_maxKernel->value();
    b.maxStride = m_maxStride->value();
    b.maxDilation = m_maxDilation->value();
    b.maxPadding = m_maxPadding->value();
    b.conv = m_conv->isChecked();
    b.maxPool = m_maxPool->isChecked();
    b.avgPool = m_avgPool->isChecked();
    b.transposed = m_transposed->isChecked();
    m_maxPadding->setEnabled(m_doc->framework() == Framework::PyTorch);
    teach::SolveResult r = teach::solve(m_doc->framework(), m_from->value(), m_to->value(), b);
    const size_t n = r.solutions.size();
    m_model.setResult(m_doc->framework(), std::move(r.solutions));
    // The code and formula as wide as they are (the formula at most 45 % of the table), the note wraps in the rest.
    m_table->resizeColumnToContents(SolverModel::CodeColumn);
    m_table->resizeColumnToContents(SolverModel::FormulaColumn);
    m_table->setColumnWidth(SolverModel::FormulaColumn, std::min(m_table->columnWidth(SolverModel::FormulaColumn),
                                                                 std::max(380, m_table->width() * 45 / 100)));
    m_table->resizeRowsToContents();
    const QString fw = m_doc->framework() == Framework::Keras ? tr("Keras/TensorFlow") : tr("PyTorch");
    m_summary->setText(!r.error.empty() ? QString::fromStdString(r.error)
                                        : tr("Layers that take %1 to %2 in %3: %4.")
                                              .arg(m_from->value())
                                              .arg(m_to->value())
                                              .arg(fw)
                                              .arg(n));
    updateDetail();
}

void SolverDialog::updateDetail()
{
    const teach::Solution *s = m_model.solution(m_table->currentIndex().row());
    m_insert->setEnabled(s != nullptr);
    if (!s) {
        m_detail->clear();
        return;
    }
    QString text = QStringLiteral("<b>%1</b><br>%2")
                       .arg(QString::fromStdString(s->code(m_model.framework())).toHtmlEscaped(),
                            QString::fromStdString(s->formula).toHtmlEscaped());
    if (!s->note.empty())
        text += QStringLiteral("<br><i>%1</i>").arg(QString::fromStdString(s->note).toHtmlEscaped());
    m_detail->setText(text);
}

QString SolverDialog::insertSolution(int row, QString *error)
{
    if (!m_model.solution(row) || m_model.framework() != m_doc->framework())
        return {};
    // A copy: every edit below re-infers, and the report's change may re-solve and reset the model.
    const teach::Solution s = *m_model.solution(row);
    const Framework fw = m_doc->framework();
    if (!findKind(fw, s.layer))
        return {};
    const int position = m_doc->graph().indexOf(m_anchor.toStdString()) + 1;
    const auto size = mapSize(*m_doc, m_anchor);
    // A macro, so the layer and its parameters are one step in Edit ▸ Undo.
    QUndoStack *undo = m_doc->undoStack();
    undo->beginMacro(tr("Insert %1").arg(QString::fromStdString(s.code(fw))));
    const QString name = m_doc->addLayer(QString::fromStdString(s.layer), position, error);
    if (!name.isEmpty()) {
        for (const auto &[key, value] : s.params(fw))
            m_doc->setParam(name, QString::fromStdString(key), value);
        // As many channels out as in: the layers below keep their input shapes' channel count.
        if (size && s.kind != teach::SolveKind::MaxPool && s.kind != teach::SolveKind::AvgPool)
            m_doc->setParam(name, fw == Framework::Keras ? QStringLiteral("filters") : QStringLiteral("out_channels"),
                            ParamValue(size->c));
    }
    undo->endMacro();
    if (name.isEmpty())
        return {};
    setAnchor(name);
    Q_EMIT inserted(name);
    return name;
}

} // namespace convlens
