// layer_view.cpp — the shared preamble of the feature maps and the step player (see the header).
#include "layer_view.h"

#include <QLabel>

namespace convlens {

LayerView::LayerView(const QString &noLayerMessage, QWidget *parent)
    : QWidget(parent), m_noLayerMessage(noLayerMessage)
{
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setStyleSheet(QStringLiteral("color: #444"));
}

void LayerView::setController(ForwardController *c)
{
    m_controller = c;
    connect(c, &ForwardController::snapshotChanged, this, &LayerView::requestRefresh);
    connect(c, &ForwardController::runFailed, this, [this] { runFailed(); });
    connect(c, &ForwardController::runStarted, this, &LayerView::updateStatus);
    connect(c, &ForwardController::idle, this, &LayerView::updateStatus);
    requestRefresh();
}

void LayerView::setLayer(const QString &name)
{
    if (name == m_layer)
        return;
    m_layer = name;
    layerChanged();
    requestRefresh();
}

void LayerView::requestRefresh()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    refresh();
}

void LayerView::showEvent(QShowEvent *e)
{
    QWidget::showEvent(e);
    if (m_stale)
        requestRefresh();
}

void LayerView::setMessage(const QString &text)
{
    m_message = text;
    displayMessage(text);
}

std::optional<int> LayerView::takeSnapshot()
{
    m_snap = m_controller ? m_controller->snapshot() : nullptr;
    if (m_layer.isEmpty()) {
        setMessage(m_noLayerMessage);
        return std::nullopt;
    }
    if (!m_snap) {
        const QString err = m_controller ? m_controller->lastError() : QString();
        setMessage(err.isEmpty() ? tr("Computing the forward pass…")
                                 : tr("The forward pass failed: %1").arg(err.toHtmlEscaped()));
        return std::nullopt;
    }
    const int index = m_snap->indexOf(m_layer);
    if (index < 0) {
        setMessage(tr("‘%1’ is being computed…").arg(m_layer.toHtmlEscaped()));
        return std::nullopt;
    }
    return index;
}

void LayerView::updateStatus()
{
    QStringList info;
    if (m_snap) {
        if (!m_snap->inputLabel.isEmpty())
            info << tr("input: %1").arg(m_snap->inputLabel.toHtmlEscaped());
        if (m_snap->weightsSource.isEmpty())
            info << tr("<span style='color:#a05000'>seeded initial weights (no trained weights for this model): the "
                       "maps show what random filters make of the input</span>");
        else if (!m_snap->seededLayers.isEmpty())
            info << tr("%1; <span style='color:#a05000'>seeded initial weights for %2 (shape changed or new)</span>")
                        .arg(m_snap->weightsSource.toHtmlEscaped(), m_snap->seededLayers.join(QStringLiteral(", ")));
        else
            info << m_snap->weightsSource.toHtmlEscaped();
        for (const QString &n : m_snap->notes)
            info << n.toHtmlEscaped();
    }
    if (m_controller && m_controller->busy())
        info << tr("<i>updating…</i>");
    else if (m_controller && !m_controller->lastError().isEmpty())
        info << tr("<span style='color:#a00000'>the last forward pass failed: %1</span>")
                    .arg(m_controller->lastError().toHtmlEscaped());
    m_status->setText(info.join(QStringLiteral(" · ")));
}

} // namespace convlens
