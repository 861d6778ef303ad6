// layer_view.h — what the feature-maps view and the step player share: one selected layer shown from the
// ForwardController's latest snapshot. The preamble both need before drawing anything lives here once:
// - a hidden tab does no work: a new snapshot or layer only marks it stale, and it refreshes when shown (tracing or
//   colouring a 256×256×64 layer after every edit for a tab nobody looks at would slow editing down);
// - the snapshot is taken, and the cases with nothing to draw yet become a message (no layer selected, the forward
//   pass still running or failed, the layer not computed yet);
// - the status line under the title: which input and which weights the maps come from, notes, "updating…";
// - a banner when the model runs on seeded random weights (then most cells read 0 after a ReLU, and the patterns mean
//   nothing): it says so, and offers the trained weights of an example that fits, or "Load weights…".
#pragma once

#include "forward_controller.h"

#include <QWidget>
#include <memory>
#include <optional>

class QFrame;
class QLabel;
class QPushButton;

namespace convlens {

class LayerView : public QWidget {
    Q_OBJECT
public:
    void setController(ForwardController *controller);
    void setLayer(const QString &name);
    QString layer() const { return m_layer; }
    // Why nothing is drawn (empty while the view shows its layer).
    QString messageText() const { return m_message; }
    QLabel *statusLabel() const { return m_status; }
    QFrame *weightsBanner() const { return m_banner; }
    // The trained weights the banner offers (an example's whose arrays fit this model), by the example's title;
    // empty: only "Load weights…".
    void setWeightsOffer(const QString &title);

Q_SIGNALS:
    void offeredWeightsRequested(); // "Use the trained weights of …"
    void loadWeightsRequested();    // "Load weights…"

protected:
    LayerView(const QString &noLayerMessage, QWidget *parent);

    // Draw the current layer from the latest snapshot; called only while visible (see requestRefresh).
    virtual void refresh() = 0;
    // Show `text` (rich text) instead of the layer; messageText() already holds it.
    virtual void displayMessage(const QString &text) = 0;
    // The layer changed (before the refresh): drop what belonged to the old one.
    virtual void layerChanged() {}
    // A run failed: by default the view refreshes (its message says why).
    virtual void runFailed() { requestRefresh(); }

    // Refreshes now when visible, otherwise when next shown.
    void requestRefresh();
    // The preamble of refresh(): takes the latest snapshot into m_snap and returns the current layer's index in it,
    // or shows the message saying why there is nothing to draw and returns nullopt. A view made without a
    // no-layer message draws without a layer too: it then gets −1 while no layer (or one not computed yet) is chosen.
    std::optional<int> takeSnapshot();
    void setMessage(const QString &text);
    void clearMessage() { m_message.clear(); }
    void updateStatus();

    void showEvent(QShowEvent *e) override;
    void changeEvent(QEvent *e) override; // a language change draws the layer again, in the new language

    ForwardController *m_controller = nullptr;
    std::shared_ptr<const ForwardSnapshot> m_snap;

private:
    QString m_layer, m_message, m_noLayerMessage;
    QLabel *m_status = nullptr, *m_bannerText = nullptr;
    QFrame *m_banner = nullptr;
    QPushButton *m_offerButton = nullptr, *m_loadButton = nullptr;
    QString m_offer;
    bool m_stale = false;
};

} // namespace convlens
