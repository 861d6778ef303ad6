// player_state.cpp — the step player's bookkeeping: current step, playing, the transposed convolution's running sums.
#include "player_state.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace convlens {

using i64 = std::int64_t;

void PlayerState::setTracer(std::optional<LayerTracer> tracer, std::int64_t step)
{
    m_tracer = std::move(tracer);
    m_h = m_tracer ? m_tracer->header() : WindowTrace{};
    m_cur = {};
    m_lastClickedCell = -1;
    m_clickCycle = 0;
    m_firstWriter.clear();
    m_lastWriter.clear();
    if (!m_tracer) {
        m_playing = false;
        m_step = 0;
        m_partial.clear();
        m_partialUpTo = -1;
        return;
    }
    if (transposed()) {
        const i64 OH = m_h.outputHw[0], OW = m_h.outputHw[1];
        m_firstWriter.assign(size_t(OH * OW), -1);
        m_lastWriter.assign(size_t(OH * OW), -1);
        for (i64 y = 0; y < OH; ++y)
            for (i64 x = 0; x < OW; ++x) {
                const std::vector<i64> w = m_tracer->stepsWriting(y, x);
                if (!w.empty()) {
                    m_firstWriter[size_t(y * OW + x)] = *std::min_element(w.begin(), w.end());
                    m_lastWriter[size_t(y * OW + x)] = *std::max_element(w.begin(), w.end());
                }
            }
    }
    resetPartials();
    m_step = std::clamp<i64>(step, 0, std::max<i64>(0, stepCount() - 1));
    m_cur = m_tracer->step(m_step);
    advancePartials();
    m_allChanged = true;
}

void PlayerState::resetPartials()
{
    m_partial.clear();
    m_partialUpTo = -1;
    if (transposed()) // the running sums include the bias from the start; the stamps add to it
        m_partial.assign(size_t(m_h.outputHw[0] * m_h.outputHw[1]), m_h.bias.value_or(0.0));
}

bool PlayerState::setStep(std::int64_t step)
{
    m_touched.clear();
    m_allChanged = false;
    if (!m_tracer)
        return false;
    step = std::clamp<i64>(step, 0, std::max<i64>(0, stepCount() - 1));
    if (step == m_step)
        return false;
    m_step = step;
    m_cur = m_tracer->step(step);
    advancePartials();
    return true;
}

void PlayerState::applyStamps(std::int64_t from, std::int64_t to, double sign)
{
    const i64 OW = m_h.outputHw[1];
    for (i64 i = from + 1; i <= to; ++i) {
        const TraceStep st = m_tracer->step(i);
        for (const TraceCell &c : st.cells)
            if (c.in && c.value) {
                const i64 idx = (*c.in)[0] * OW + (*c.in)[1];
                m_partial[size_t(idx)] += sign * *c.value;
                m_touched.push_back(idx);
            }
    }
}

// Brings the running sums to m_step: forward by adding the new stamps, backward by taking the undone stamps away (or
// from scratch when that is shorter).
void PlayerState::advancePartials()
{
    if (!transposed())
        return;
    if (m_step > m_partialUpTo) {
        applyStamps(m_partialUpTo, m_step, 1);
    } else if (m_step < m_partialUpTo) {
        if (m_partialUpTo - m_step <= m_step + 1) {
            applyStamps(m_step, m_partialUpTo, -1);
        } else {
            resetPartials();
            applyStamps(-1, m_step, 1);
            m_allChanged = true;
        }
    }
    m_partialUpTo = m_step;
    std::sort(m_touched.begin(), m_touched.end());
    m_touched.erase(std::unique(m_touched.begin(), m_touched.end()), m_touched.end());
}

bool PlayerState::play()
{
    if (!m_tracer || stepCount() <= 1)
        return false;
    if (m_step >= stepCount() - 1)
        setStep(0);
    m_carry = 0;
    m_playing = true;
    return true;
}

void PlayerState::setSpeed(double stepsPerSecond)
{
    m_speed = std::clamp(stepsPerSecond, kMinSpeed, kMaxSpeed);
}

int PlayerState::tickIntervalMs() const
{
    return std::max(16, int(std::lround(1000.0 / m_speed)));
}

bool PlayerState::tick(double elapsedMs)
{
    if (!m_tracer) {
        m_playing = false;
        return false;
    }
    if (!m_playing)
        return false;
    m_carry += m_speed * elapsedMs / 1000.0;
    const i64 n = i64(std::floor(m_carry));
    if (n <= 0)
        return false;
    m_carry -= double(n);
    const i64 last = stepCount() - 1;
    if (m_step + n >= last) {
        const bool changed = setStep(last);
        m_playing = false;
        return changed;
    }
    return setStep(m_step + n);
}

PlayerState::CellState PlayerState::cellState(std::int64_t i) const
{
    if (!m_tracer || i < 0 || i >= m_h.outputHw[0] * m_h.outputHw[1])
        return CellState::Empty;
    if (!transposed())
        return i <= m_step ? CellState::Final : CellState::Empty;
    if (m_lastWriter[size_t(i)] <= m_step)
        return CellState::Final;
    return m_firstWriter[size_t(i)] <= m_step ? CellState::Partial : CellState::Empty;
}

double PlayerState::cellValue(std::int64_t i) const
{
    switch (cellState(i)) {
    case CellState::Empty:
        return std::numeric_limits<double>::quiet_NaN();
    case CellState::Partial:
        return m_partial[size_t(i)];
    case CellState::Final:
        return m_h.output[size_t(i)];
    }
    return std::numeric_limits<double>::quiet_NaN();
}

std::vector<double> PlayerState::displayedOutput() const
{
    if (!m_tracer)
        return {};
    const i64 n = m_h.outputHw[0] * m_h.outputHw[1];
    std::vector<double> out(static_cast<size_t>(n));
    for (i64 i = 0; i < n; ++i)
        out[size_t(i)] = cellValue(i);
    return out;
}

std::optional<std::int64_t> PlayerState::stepForOutputClick(std::int64_t row, std::int64_t col)
{
    if (!m_tracer)
        return std::nullopt;
    const std::vector<i64> writers = m_tracer->stepsWriting(row, col);
    if (writers.empty())
        return std::nullopt;
    // A transposed convolution's cell has several writers: repeated clicks visit them in turn.
    const i64 cell = row * m_h.outputHw[1] + col;
    m_clickCycle = cell == m_lastClickedCell ? (m_clickCycle + 1) % i64(writers.size()) : 0;
    m_lastClickedCell = cell;
    return writers[size_t(m_clickCycle)];
}

std::optional<std::int64_t> PlayerState::stepForInputClick(std::int64_t row, std::int64_t col) const
{
    if (!transposed() || row < 0 || col < 0 || row >= m_h.inputHw[0] || col >= m_h.inputHw[1])
        return std::nullopt;
    return row * m_h.inputHw[1] + col;
}

} // namespace convlens
