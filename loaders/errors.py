"""Named errors for input that cannot be read: each names the file and, where there is one, the place."""
from __future__ import annotations


class LoaderError(Exception):
    """A file that cannot be imported. Nothing from it is stored."""

    def __init__(self, source: str, message: str, location: str | None = None):
        self.source = source
        self.message = message
        self.location = location
        where = f" ({location})" if location else ""
        super().__init__(f"{source}{where}: {message}")


class UnsupportedFormatError(LoaderError):
    """The file type is not one the loader reads."""


class FileTooLargeError(LoaderError):
    """The file is larger than the configured limit."""


class EmptyDocumentError(LoaderError):
    """The file holds no text at all."""


class NotTextError(LoaderError):
    """Binary data where text was expected."""


class EncodingError(LoaderError):
    """Text that is not UTF-8 and no encoding was given."""


class CorruptDocumentError(LoaderError):
    """A .docx or .pdf that its library cannot open."""


class NoProjectsError(LoaderError):
    """A document in which no project (or strategic theme) could be recognised."""


class ProtectedFileError(LoaderError):
    """A password-protected (encrypted) workbook or an old .xls: OLE compound files openpyxl cannot read."""


class ZipBombError(LoaderError):
    """A workbook whose zip members would expand far beyond any real spreadsheet."""


class MissingOrganisationError(LoaderError):
    """A plan whose organisation the document does not name and the import did not give."""


class NotAFileError(LoaderError):
    """A path that names no readable file: nothing there, a folder, or a device or pipe."""


class DecompressionBombError(LoaderError):
    """A PDF whose compressed content would expand far beyond any real plan (a "PDF bomb")."""


class UnsafeDocumentError(LoaderError):
    """An Office file whose XML carries a document type declaration (DTD), which Word and Excel never write."""


class UnstorableValueError(LoaderError):
    """A value the store cannot hold: longer than its column, more digits than its column, or a NUL character."""
