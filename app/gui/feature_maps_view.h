// feature_maps_view.h — the "Feature maps" tab: what the selected layer makes of the input. Every channel as a tile
// (viridis for one-signed data, blue–white–red around 0 for signed data; one scale shared by all tiles or one per
// tile) with the colour bar; hover shows (channel, row, col, value); a click enlarges a tile beside the model input,
// and a click on a cell of the enlarged map highlights its receptive field on the input, walked back through the whole
// network (core/trace/receptive_field, dilation holes included). Rank-1 outputs (Dense, Flatten) are bars, or a strip
// of coloured cells when there are many.
//
// Data: the ForwardController's latest snapshot through LayerView (the previous one stays on screen while a run is under
// way). Geometry: maps_layout.h; the images are built once per snapshot/layer/scale and only scaled when painting.
#pragma once

#include "colormap.h"
#include "layer_view.h"
#include "maps_layout.h"

#include <optional>

class QCheckBox;
class QLabel;
class QToolButton;

namespace convlens {

class FeatureMapsView : public LayerView {
    Q_OBJECT
public:
    enum class Mode { Message, Tiles, Enlarged, Vector };

    explicit FeatureMapsView(QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    int tileCount() const { return m_mode == Mode::Tiles || m_mode == Mode::Enlarged ? int(m_images.size()) : 0; }
    const MapTileLayout &tileLayout() const { return m_tiles; }
    const EnlargedLayout &enlargedLayout() const { return m_enlargedLayout; }
    const VectorLayout &vectorLayout() const { return m_vector; }
    QWidget *canvas() const { return m_canvas; }

    void setSharedScale(bool shared);
    bool sharedScale() const { return m_shared; }
    ColorScale tileScale(int tile) const;

    void enlarge(int channel);
    void showAllTiles();
    int enlargedChannel() const { return m_mode == Mode::Enlarged ? m_channel : -1; }

    // The receptive field of a cell of the enlarged map (false outside it or when it has none; see rfError()).
    bool selectCell(std::int64_t row, std::int64_t col);
    std::optional<Cell> selectedCell() const { return m_rfCell; }
    std::optional<CellRect> receptiveBounds() const;
    QString rfText() const { return m_rfText; }

    // Presentation mode (View ▸ Presentation): `px` is the presentation's text size (0 leaves). The tiles are scaled
    // by px / Settings::kDefaultPresentationTextPx over the size that fits (larger: fewer columns, and the wheel
    // scrolls), the enlarged map the same (EnlargedLayout's zoom; its numbers a third of a cell tall), and the labels
    // are written at 2/3 of px.
    void setPresentationText(int px);
    int presentationText() const { return m_presentationPx; }
    double tileZoom() const;
    double scrollOffset() const { return m_scrollY; }
    void scrollBy(double dy);

    QString hoverText() const { return m_hoverText; }
    std::optional<double> hoverValue() const { return m_hoverValue; }

Q_SIGNALS:
    void hoverChanged(const QString &text);

protected:
    void refresh() override;
    void displayMessage(const QString &text) override;
    void layerChanged() override;

private:
    friend class MapsCanvas;
    void rebuildImages();
    void relayout();
    void updateHeader();
    void computeReceptiveField();
    double valueAt(int channel, std::int64_t row, std::int64_t col) const;

    // canvas callbacks
    void paintCanvas(QPainter &p);
    void hoverAt(const QPointF &pos);
    void clickAt(const QPointF &pos);
    void leaveCanvas();
    QRectF tilesArea() const;

    int m_index = -1;
    const Tensor *m_tensor = nullptr; // inside m_snap
    Mode m_mode = Mode::Message;

    bool m_shared = true;
    int m_channel = 0; // enlarged
    std::vector<QImage> m_images;
    std::vector<ColorScale> m_scales;
    ColorScale m_sharedScale;
    QImage m_inputImage; // the model input as the network sees it (for the receptive field)
    std::int64_t m_inputH = 0, m_inputW = 0;

    int m_presentationPx = 0;
    double m_scrollY = 0; // tiles or the enlarged map zoomed past the canvas's height

    MapTileLayout m_tiles;
    EnlargedLayout m_enlargedLayout;
    VectorLayout m_vector;

    std::optional<MapHit> m_hover;
    std::optional<std::int64_t> m_hoverIndex;
    QString m_hoverText;
    std::optional<double> m_hoverValue;

    std::optional<Cell> m_rfCell;
    std::optional<ReceptiveRegion> m_rf;
    QString m_rfText;

    QLabel *m_title = nullptr, *m_hoverLabel = nullptr;
    QCheckBox *m_sharedBox = nullptr;
    QToolButton *m_back = nullptr;
    QWidget *m_canvas = nullptr;
};

} // namespace convlens
