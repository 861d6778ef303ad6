// prompts.cpp — the real dialogs.
#include "prompts.h"

#include "import_dialog.h"

#include <QFileDialog>
#include <QMessageBox>

namespace convlens {

Prompts::SaveChoice Prompts::askSaveChanges(QWidget *parent, const QString &documentName)
{
    const auto b = QMessageBox::warning(parent, QObject::tr("Unsaved changes"),
                                        QObject::tr("“%1” has unsaved changes. Save them?").arg(documentName),
                                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                        QMessageBox::Save);
    return b == QMessageBox::Save ? SaveChoice::Save : b == QMessageBox::Discard ? SaveChoice::Discard
                                                                                  : SaveChoice::Cancel;
}

void Prompts::warn(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::warning(parent, title, text);
}

void Prompts::inform(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::information(parent, title, text);
}

QString Prompts::openFileName(QWidget *parent, const QString &directory)
{
    return QFileDialog::getOpenFileName(parent, QObject::tr("Open model"), directory,
                                        QObject::tr("Models (*.json *.py *.onnx *.keras *.h5 *.hdf5);;"
                                                    "ConvLens projects (*.json);;Keras or PyTorch code (*.py);;"
                                                    "ONNX models (*.onnx);;"
                                                    "Keras models (*.keras *.h5 *.hdf5 *.json);;All files (*)"));
}

QString Prompts::openImageName(QWidget *parent, const QString &directory)
{
    return QFileDialog::getOpenFileName(parent, QObject::tr("Open input image"), directory,
                                        QObject::tr("Images and arrays (*.png *.jpg *.jpeg *.bmp *.gif *.pgm *.ppm "
                                                    "*.webp *.npy);;All files (*)"));
}

QString Prompts::weightsFolder(QWidget *parent, const QString &directory)
{
    return QFileDialog::getExistingDirectory(
        parent, QObject::tr("Load weights: a folder of .npy files named as the framework names the weights"),
        directory);
}

QString Prompts::saveFileName(QWidget *parent, const QString &suggestion)
{
    return QFileDialog::getSaveFileName(parent, QObject::tr("Save model"), suggestion,
                                        QObject::tr("ConvLens projects (*.json)"));
}

QString Prompts::exportFileName(QWidget *parent, const QString &suggestion, const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, QObject::tr("Export diagram"), suggestion, filter);
}

QString Prompts::teachingExportName(QWidget *parent, const QString &title, const QString &suggestion,
                                    const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, title, suggestion, filter);
}

bool Prompts::runImport(ImportDialog &dialog)
{
    return dialog.exec() == QDialog::Accepted;
}

bool Prompts::askRestore(QWidget *parent, const QString &what)
{
    return QMessageBox::question(parent, QObject::tr("Recover unsaved changes"),
                                 QObject::tr("ConvLens did not quit normally last time. Restore the unsaved changes "
                                             "to %1?")
                                     .arg(what),
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
}

} // namespace convlens
