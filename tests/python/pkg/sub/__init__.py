from ..util import double
VALUE = double(21)
