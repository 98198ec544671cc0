"""Where the camera coach's landmarks come from and where its picture goes: video files, the
webcam and landmark files through MediaPipe (:mod:`~backbridge.capture.sources`), and the
on-screen window and annotated video through OpenCV (:mod:`~backbridge.capture.overlay`).

The only package that touches OpenCV or MediaPipe; the analysis in :mod:`backbridge.vision`
stays pure and is fed :class:`~backbridge.vision.landmarks.Frame` values.
"""
