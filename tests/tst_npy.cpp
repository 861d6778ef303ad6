// tst_npy.cpp — .npy reading and writing: round trips, every accepted dtype and byte order, and the refusals that
// protect against corrupt, truncated or lying files (checked before anything is allocated).
#include "formats/npy.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fstream>

using namespace convlens;

namespace {

std::vector<char> npyBytes(const std::string &descr, const std::string &shapeText, const std::vector<char> &data,
                           bool fortran = false, int version = 1)
{
    const std::string d = descr.front() == '[' ? descr : "'" + descr + "'"; // structured dtypes are lists
    std::string dict = "{'descr': " + d + ", 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': " + shapeText + ", }";
    const size_t pre = version == 1 ? 10 : 12;
    dict.append((64 - (pre + dict.size() + 1) % 64) % 64, ' ');
    dict += '\n';
    std::vector<char> out = {'\x93', 'N', 'U', 'M', 'P', 'Y', char(version), 0};
    const size_t n = dict.size();
    out.push_back(char(n & 0xff));
    out.push_back(char((n >> 8) & 0xff));
    if (version != 1) {
        out.push_back(char((n >> 16) & 0xff));
        out.push_back(char((n >> 24) & 0xff));
    }
    out.insert(out.end(), dict.begin(), dict.end());
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

template <typename T> std::vector<char> raw(std::initializer_list<T> values, bool bigEndian = false)
{
    std::vector<char> out(values.size() * sizeof(T));
    char *b = out.data();
    for (T v : values) {
        std::memcpy(b, &v, sizeof(T));
        if (bigEndian)
            std::reverse(b, b + sizeof(T));
        b += sizeof(T);
    }
    return out;
}

} // namespace

class TestNpy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void dtypes_data();
    void dtypes();
    void refusals_data();
    void refusals();
    void fileTooLargeIsRefusedBeforeReading();
    void headerOnly();
    void zeroElements();
};

void TestNpy::roundTrip()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("a.npy")).toStdString();
    const std::vector<float> v{1.5f, -2.0f, 3.25f, 0.0f, 5.0f, 6.0f};
    std::string err;
    QVERIFY(writeNpy(path, {1, 2, 3}, v, &err));
    const auto a = readNpy(path, &err);
    QVERIFY2(a, err.c_str());
    QCOMPARE(a->header.shape, (Shape{1, 2, 3}));
    QCOMPARE(a->header.descr, std::string("<f4"));
    QCOMPARE(a->values, v);
    // The header is padded so the data starts on a 64-byte boundary, as NumPy writes it.
    QCOMPARE(a->header.dataOffset % 64, 0);
    // A scalar and a 1-D array.
    QVERIFY(writeNpy(path, {}, std::vector<float>{7.0f}, &err));
    QCOMPARE(readNpy(path, &err)->header.shape, Shape{});
    std::vector<std::int64_t> z{0};
    QVERIFY(writeNpyInt64(path, {}, z, &err));
    QCOMPARE(readNpy(path, &err)->header.descr, std::string("<i8"));
    QCOMPARE(shapeTuple({3}), std::string("(3,)"));
}

void TestNpy::dtypes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("descr");
    auto add = [](const char *name, const std::vector<char> &b, const char *descr) {
        QTest::newRow(name) << QByteArray(b.data(), qsizetype(b.size())) << QString::fromLatin1(descr);
    };
    add("float32 little", npyBytes("<f4", "(3,)", raw<float>({1.0f, -2.0f, 0.5f})), "<f4");
    add("float32 big", npyBytes(">f4", "(3,)", raw<float>({1.0f, -2.0f, 0.5f}, true)), ">f4");
    add("float64", npyBytes("<f8", "(3,)", raw<double>({1.0, -2.0, 0.5})), "<f8");
    add("float64 big", npyBytes(">f8", "(3,)", raw<double>({1.0, -2.0, 0.5}, true)), ">f8");
    add("int64", npyBytes("<i8", "(3,)", raw<std::int64_t>({1, -2, 0})), "<i8");
    add("int32", npyBytes("<i4", "(3,)", raw<std::int32_t>({1, -2, 0})), "<i4");
    add("int16", npyBytes("<i2", "(3,)", raw<std::int16_t>({1, -2, 0})), "<i2");
    add("uint8", npyBytes("|u1", "(3,)", raw<std::uint8_t>({1, 254, 0})), "|u1");
    add("bool", npyBytes("|b1", "(3,)", raw<std::uint8_t>({1, 0, 1})), "|b1");
    add("version 2", npyBytes("<f4", "(3,)", raw<float>({1.0f, -2.0f, 0.5f}), false, 2), "<f4");
}

void TestNpy::dtypes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, descr);
    std::string err;
    const auto a = parseNpy(std::span<const char>(bytes.constData(), size_t(bytes.size())), "t.npy", &err);
    QVERIFY2(a, err.c_str());
    QCOMPARE(QString::fromStdString(a->header.descr), descr);
    QCOMPARE(a->values.size(), size_t(3));
    if (descr.contains(QLatin1Char('f'))) {
        QCOMPARE(a->values[0], 1.0f);
        QCOMPARE(a->values[1], -2.0f);
        QCOMPARE(a->values[2], 0.5f);
    }
    if (descr == QLatin1String("|u1"))
        QCOMPARE(a->values[1], 254.0f);
    if (descr == QLatin1String("|b1"))
        QCOMPARE(a->values[1], 0.0f);
}

void TestNpy::refusals_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    auto add = [](const char *name, const std::vector<char> &b, const char *why) {
        QTest::newRow(name) << QByteArray(b.data(), qsizetype(b.size())) << QString::fromLatin1(why);
    };
    add("not npy", std::vector<char>{'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0}, "bad magic");
    add("empty", std::vector<char>{}, "bad magic");
    auto truncatedHeader = npyBytes("<f4", "(3,)", {});
    truncatedHeader.resize(30);
    add("truncated header", truncatedHeader, "truncated header");
    add("truncated data", npyBytes("<f4", "(2, 3)", raw<float>({1, 2, 3})), "truncated");
    add("lying shape", npyBytes("<f4", "(100000, 100000, 100000)", raw<float>({1, 2, 3})), "too large");
    add("overflowing shape", npyBytes("<f4", "(9223372036854775807, 9223372036854775807)", {}), "too large");
    add("float16", npyBytes("<f2", "(1,)", raw<std::uint16_t>({0})), "unsupported dtype");
    add("complex", npyBytes("<c8", "(1,)", raw<float>({0, 0})), "unsupported dtype");
    add("structured", npyBytes("[('a', '<f4')]", "(1,)", raw<float>({0})), "structured dtype");
    add("fortran", npyBytes("<f4", "(2, 2)", raw<float>({1, 2, 3, 4}), true), "Fortran");
    add("garbage header", npyBytes("<f4", "(2, x)", raw<float>({1, 2})), "malformed");
    add("version 9", npyBytes("<f4", "(1,)", raw<float>({1}), false, 9), "version");
}

void TestNpy::refusals()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    std::string err;
    const auto a = parseNpy(std::span<const char>(bytes.constData(), size_t(bytes.size())), "bad.npy", &err);
    QVERIFY(!a);
    QVERIFY2(QString::fromStdString(err).startsWith(QLatin1String("bad.npy: ")), err.c_str());
    QVERIFY2(QString::fromStdString(err).contains(reason), err.c_str());
}

void TestNpy::fileTooLargeIsRefusedBeforeReading()
{
    // A 200-byte file whose header claims 4 GiB of floats: refused from the header and the file size alone.
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("lie.npy")).toStdString();
    const auto b = npyBytes("<f4", "(1024, 1024, 1024)", raw<float>({1, 2, 3}));
    std::ofstream(path, std::ios::binary).write(b.data(), std::streamsize(b.size()));
    std::string err;
    QVERIFY(!readNpy(path, &err));
    QVERIFY2(err.find("too large") != std::string::npos, err.c_str());
    // Under the ceiling but larger than the file: truncated.
    QVERIFY(!readNpy(path, &err, std::int64_t(8) << 30));
    QVERIFY2(err.find("truncated") != std::string::npos, err.c_str());
    QVERIFY(!readNpy(dir.filePath(QStringLiteral("missing.npy")).toStdString(), &err));
    QVERIFY2(err.find("cannot open") != std::string::npos, err.c_str());
}

void TestNpy::headerOnly()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("h.npy")).toStdString();
    std::string err;
    QVERIFY(writeNpy(path, {4, 5}, std::vector<float>(20, 1.0f), &err));
    const auto h = readNpyHeader(path, &err);
    QVERIFY(h);
    QCOMPARE(h->shape, (Shape{4, 5}));
    QCOMPARE(h->kind, 'f');
    QCOMPARE(h->itemSize, 4);
}

// Issue 13: a 0-element array called memcpy(nullptr, …, 0), undefined behaviour that UBSan reports.
void TestNpy::zeroElements()
{
    const std::vector<char> bytes = npyBytes("<f4", "(0, 3)", {});
    std::string err;
    const auto a = parseNpy(std::span<const char>(bytes.data(), bytes.size()), "e.npy", &err);
    QVERIFY2(a, err.c_str());
    QCOMPARE(a->header.shape, (std::vector<std::int64_t>{0, 3}));
    QVERIFY(a->values.empty());
}

QTEST_GUILESS_MAIN(TestNpy)
#include "tst_npy.moc"
