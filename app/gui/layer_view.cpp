// layer_view.cpp — the shared preamble of the feature maps and the step player (see the header).
#include "layer_view.h"

#include "canvas_ink.h"
#include "retranslate.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace convlens {

LayerView::LayerView(const QString &noLayerMessage, QWidget *parent)
    : QWidget(parent), m_noLayerMessage(noLayerMessage)
{
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);

    // The banner: amber, above everything the view shows, impossible to miss (issue 10: a student reading 0s in
    // every cell had no idea why).
    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("weightsBanner"));
    m_banner->setStyleSheet(QStringLiteral("#weightsBanner { background: #fff1c9; border: 1px solid #e0b84a; }"
                                           "#weightsBanner QLabel { color: #4a3500; }"));
    auto *column = new QVBoxLayout(m_banner);
    column->setContentsMargins(6, 3, 6, 3);
    column->setSpacing(2);
    auto *row = new QHBoxLayout;
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setWordWrap(true);
    m_bannerText->setText(tr("<b>Random weights.</b> This model runs on seeded initial weights, not trained ones: "
                             "most cells read 0 after a ReLU and the patterns mean nothing yet."));
    m_offerButton = new QPushButton(m_banner);
    m_offerButton->setObjectName(QStringLiteral("useOfferedWeights"));
    m_loadButton = new QPushButton(tr("Load weights…"), m_banner);
    m_loadButton->setObjectName(QStringLiteral("loadWeights"));
    m_loadButton->setToolTip(tr("A folder of .npy files named as the framework names its weights "
                                "(Keras <layer>.<weight>.npy, PyTorch <state_dict key>.npy)"));
    column->addWidget(m_bannerText);
    row->addWidget(m_offerButton);
    row->addWidget(m_loadButton);
    row->addStretch(1);
    column->addLayout(row);
    connect(m_offerButton, &QPushButton::clicked, this, &LayerView::offeredWeightsRequested);
    connect(m_loadButton, &QPushButton::clicked, this, &LayerView::loadWeightsRequested);
    m_banner->hide();
    m_offerButton->hide();
}

void LayerView::setWeightsOffer(const QString &title)
{
    m_offer = title;
    m_offerButton->setText(tr("Use the example's trained weights"));
    m_offerButton->setToolTip(tr("The trained weights of the example “%1” fit every layer of this model").arg(title));
    m_offerButton->setVisible(!title.isEmpty());
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

void LayerView::changeEvent(QEvent *e)
{
    QWidget::changeEvent(e);
    if (e->type() == QEvent::LanguageChange) {
        m_noLayerMessage = retranslateText(m_noLayerMessage, this); // given once, by the subclass
        requestRefresh();
    }
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
    const bool layerOptional = m_noLayerMessage.isEmpty();
    if (m_layer.isEmpty() && !layerOptional) {
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
    if (index < 0 && layerOptional)
        return -1;
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
            info << tr("input: %1").arg(m_snap->inputLabel.text().toHtmlEscaped());
        if (!m_snap->weightsWarning.isEmpty())
            info << QStringLiteral("<span style='color:%2'>%1</span>")
                        .arg(m_snap->weightsWarning.text().toHtmlEscaped(), warningTextColor(palette()).name());
        else if (m_snap->weightsSource.isEmpty())
            info << tr("seeded initial weights"); // the banner says what that means
        else if (!m_snap->seededLayers.isEmpty())
            info << tr("%1; <span style='color:%3'>seeded initial weights for %2 (shape changed or new)</span>")
                        .arg(m_snap->weightsSource.text().toHtmlEscaped(), m_snap->seededLayers.join(QStringLiteral(", ")),
                             warningTextColor(palette()).name());
        else
            info << m_snap->weightsSource.text().toHtmlEscaped();
        for (const QString &n : m_snap->notes)
            info << n.toHtmlEscaped();
    }
    if (m_controller && m_controller->busy())
        info << tr("<i>updating…</i>");
    else if (m_controller && !m_controller->lastError().isEmpty())
        info << tr("<span style='color:%2'>the last forward pass failed: %1</span>")
                    .arg(m_controller->lastError().toHtmlEscaped(), errorTextColor(palette()).name());
    m_status->setText(info.join(QStringLiteral(" · ")));
    m_banner->setVisible(m_snap && m_snap->weightsSource.isEmpty() && !m_snap->seededLayers.isEmpty());
}

} // namespace convlens
