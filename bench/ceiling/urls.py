from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse(b"<!doctype html><title>ceiling</title><p>Hello.</p>")


urlpatterns = [path("", hello)]
