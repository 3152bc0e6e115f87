"""Write records as text and read them back (a small text format)."""

import io

_DEFAULT_WIDTH = 2


def to_text(
    record,
    indent=0,
    as_one_line=False,
    sort_keys=False,
    float_format=None,
):
  """Returns a text representation of a record.

  Args:
    record: The record to write.
    indent: The initial indent level, in spaces.
    as_one_line: Write everything on one line.
    sort_keys: Write the fields in the order of their keys.
    float_format: The format string for floating point values.

  Returns:
    The text of the record.
  """
  out = io.StringIO()
  write_record(
      record,
      out,
      indent=indent,
      as_one_line=as_one_line,
      sort_keys=sort_keys,
      float_format=float_format,
  )
  return out.getvalue()


def write_record(
    record,
    out,
    indent=0,
    as_one_line=False,
    sort_keys=False,
    float_format=None,
):
  """Writes a text representation of a record to a stream.

  Args:
    record: The record to write.
    out: The stream to write to.
    indent: The initial indent level, in spaces.
    as_one_line: Write everything on one line.
    sort_keys: Write the fields in the order of their keys.
    float_format: The format string for floating point values.
  """
  keys = sorted(record) if sort_keys else list(record)
  sep = ' ' if as_one_line else '\n'
  for key in keys:
    value = record[key]
    if isinstance(value, float) and float_format:
      value = format(value, float_format)
    out.write(' ' * indent + '%s: %s' % (key, value) + sep)


def parse_int(text):
  """Parses an integer.

  Args:
    text: The text to parse.

  Returns:
    The integer value.

  Raises:
    ValueError: If the text is not an integer.
  """
  return int(text, 0)


def parse_float(text):
  """Parses a floating point number.

  Args:
    text: The text to parse.

  Returns:
    The floating point value.

  Raises:
    ValueError: If the text is not a number.
  """
  return float(text)
