import os
import sys
import re

x = 1
